"""``python -m core faces verify A B`` and ``python -m core faces embed IMAGE``."""
from __future__ import annotations

import argparse
from pathlib import Path

from core.cli import add_json_flag, emit
from core.device import device
from core.faces.pipeline import FaceModels, PhotoFaces, analyse, load_models
from core.faces.verify import DEFAULT_THRESHOLD, decide
from core.image_input import load_image_file


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("faces", help="face detection, embeddings and verification")
    commands = parser.add_subparsers(dest="faces_command", required=True)

    verify = commands.add_parser("verify", help="are the faces in two photos the same person?")
    verify.add_argument("image_a", type=Path)
    verify.add_argument("image_b", type=Path)
    verify.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="cosine similarity threshold")
    verify.add_argument("--face-a", type=int, default=1, help="which face of photo A (1 = best detection)")
    verify.add_argument("--face-b", type=int, default=1, help="which face of photo B")
    add_json_flag(verify)
    verify.set_defaults(func=run_verify)

    embed = commands.add_parser("embed", help="every face of a photo: box, landmarks, 128-d embedding")
    embed.add_argument("image", type=Path)
    add_json_flag(embed)
    embed.set_defaults(func=run_embed)


def _faces(models: FaceModels, path: Path) -> PhotoFaces:
    return analyse(models, load_image_file(path))


def _face_json(faces: PhotoFaces, index: int, with_embedding: bool) -> dict:
    face = {
        "box": [round(float(v), 2) for v in faces.boxes[index]],
        "landmarks": [[round(float(x), 2), round(float(y), 2)] for x, y in faces.landmarks[index]],
        "score": round(float(faces.scores[index]), 4),
    }
    if with_embedding:
        face["embedding"] = [round(float(v), 6) for v in faces.embeddings[index]]
    return face


def run_verify(args: argparse.Namespace) -> int:
    models = load_models(device())
    faces_a, faces_b = _faces(models, args.image_a), _faces(models, args.image_b)
    a, b = faces_a.face(args.face_a - 1), faces_b.face(args.face_b - 1)
    verdict = decide(a, b, args.threshold)
    result = {
        "same_person": verdict.same,
        "cosine": round(verdict.cosine, 6),
        "l2": round(verdict.l2, 6),
        "threshold": verdict.threshold,
        "margin": round(verdict.margin, 6),
        "faces_a": len(faces_a),
        "faces_b": len(faces_b),
        "face_a": _face_json(faces_a, args.face_a - 1, False),
        "face_b": _face_json(faces_b, args.face_b - 1, False),
    }
    text = (f"{'same person' if verdict.same else 'different people'}: cosine {verdict.cosine:.3f} "
            f"(threshold {verdict.threshold:.3f}, margin {verdict.margin:+.3f}), L2 {verdict.l2:.3f}")
    emit(result, args.json, text)
    return 0


def run_embed(args: argparse.Namespace) -> int:
    faces = _faces(load_models(device()), args.image)
    result = {"faces": [_face_json(faces, i, True) for i in range(len(faces))]}
    text = "\n".join(f"face {i + 1}: box {face['box']}, score {face['score']}"
                     for i, face in enumerate(result["faces"])) or "no face found"
    emit(result, args.json, text)
    return 0
