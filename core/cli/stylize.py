"""``python -m core stylize CONTENT --style N|STYLE_IMAGE [--size 512] -o OUT.png``.

``--style 7`` paints with built-in style 7 of 26 (numbered from 1, as in the app); ``--style
painting.jpg`` uses any picture as the style (the arbitrary-style networks).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from core.cli import add_json_flag, emit
from core.errors import UserError
from core.image_input import load_image, png_bytes
from core.settings import LIMITS


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("stylize", help="neural style transfer: a built-in style or any style image")
    parser.add_argument("content", type=Path, help="the photo to paint")
    parser.add_argument("--style", required=True, help="a built-in style number (1-26) or a style image file")
    parser.add_argument("--size", type=int, default=512, help="longer side of the result in pixels (default 512)")
    parser.add_argument("--strength", type=float, default=1.0, help="0 keeps the photo, 1 the full style")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the PNG")
    add_json_flag(parser)
    parser.set_defaults(func=run)


def _read_image(path: Path):
    if not path.is_file():
        raise UserError("style.err.style_spec", value=str(path), count=26)
    return load_image(path.read_bytes())


def run(args: argparse.Namespace) -> int:
    from core.style import arbitrary, fast
    from core.style.images import blend

    if not 32 <= args.size <= LIMITS.max_side:
        raise SystemExit(f"error: --size must be between 32 and {LIMITS.max_side}")
    content = _read_image(args.content)
    start = time.perf_counter()
    if args.style.isdigit():
        index = int(args.style)
        if not 1 <= index <= fast.NUM_STYLES:
            raise UserError("style.err.style_index", index=index, count=fast.NUM_STYLES)
        result = fast.stylise(fast.load_multistyle26(), content, index - 1, args.size)
        mode = "builtin"
    else:
        style = _read_image(Path(args.style))
        vector = arbitrary.style_vector(arbitrary.load_predictor(), style)
        result = arbitrary.stylise(arbitrary.load_transformer(), content, vector, args.size)
        mode = "style-image"
    result = blend(result, content, min(max(args.strength, 0.0), 1.0))
    seconds = time.perf_counter() - start
    args.output.write_bytes(png_bytes(result))
    summary = {"input": str(args.content), "output": str(args.output), "style": args.style, "mode": mode,
               "size": list(result.size), "seconds": round(seconds, 3)}
    text = f"{args.content} -> {args.output} ({result.width}x{result.height}, {mode}, {seconds:.2f} s)"
    emit(summary, args.json, text)
    return 0
