"""A small labelled photo set held in memory: class names, photos per class, checks and a seeded split.

Photos arrive from uploads or the camera (already decoded by ``core.image_input.load_image``),
from a folder tree (the command line) or from the default set. They are kept as PIL images
in memory only; nothing here writes to disk. The checks turn bad sets (one class, an empty
class, too many photos) into a ``UserError`` the page shows in the reader's language.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from core.errors import ImageInputError, UserError
from core.image_input import ACCEPTED_EXTENSIONS, load_image
from core.settings import LIMITS

DEFAULT_DIGITS = ("1", "3", "4", "7", "8", "9")  # six classes, some alike (1/7, 3/8/9): mistakes to look at
THUMB_SIDE = 160  # longest side of the copies the page shows
DIGIT_SIDE = 64  # the 8 x 8 scans are upscaled to this side before the CNN resizes them again


@dataclass(frozen=True)
class PhotoSet:
    """Photos with integer labels: ``images[i]`` belongs to ``classes[labels[i]]``."""

    classes: tuple[str, ...]
    images: tuple[Image.Image, ...]
    labels: tuple[int, ...]
    thumbs: tuple[Image.Image, ...] = ()  # small copies for the page: a 1600 px photo costs ~10 ms to send

    def __len__(self) -> int:
        return len(self.images)

    def thumb(self, i: int) -> Image.Image:
        return self.thumbs[i] if self.thumbs else self.images[i]

    def counts(self) -> list[int]:
        return [self.labels.count(k) for k in range(len(self.classes))]


def check_classes(names: Sequence[str], counts: Sequence[int]) -> None:
    """Raise a ``UserError`` unless there are 2..max classes, distinct names and 1..max photos in each."""
    if len(names) < 2:
        raise UserError("tl.err.one_class")
    if len(names) > LIMITS.max_transfer_classes:
        raise UserError("tl.err.too_many_classes", limit=LIMITS.max_transfer_classes)
    cleaned = [n.strip() for n in names]
    if any(not n for n in cleaned):
        raise UserError("tl.err.unnamed_class")
    if len(set(cleaned)) < len(cleaned):
        raise UserError("tl.err.duplicate_class")
    for name, count in zip(cleaned, counts):
        if count == 0:
            raise UserError("tl.err.empty_class", name=name)
        if count > LIMITS.max_transfer_per_class:
            raise UserError("tl.err.class_too_big", name=name, count=count, limit=LIMITS.max_transfer_per_class)
    if sum(counts) > LIMITS.max_transfer_photos:
        raise UserError("tl.err.too_many_photos", count=sum(counts), limit=LIMITS.max_transfer_photos)


def make_set(per_class: Mapping[str, Sequence[Image.Image]] | Sequence[tuple[str, Sequence[Image.Image]]]) -> PhotoSet:
    """Class name -> photos (a mapping, or pairs where a repeated name is an error), checked, as a ``PhotoSet``."""
    pairs = list(per_class.items()) if isinstance(per_class, Mapping) else list(per_class)
    check_classes([n for n, _ in pairs], [len(images) for _, images in pairs])
    images = tuple(image for _, group in pairs for image in group)
    labels = tuple(k for k, (_, group) in enumerate(pairs) for _ in group)
    return PhotoSet(tuple(n.strip() for n, _ in pairs), images, labels, tuple(_thumbnail(im) for im in images))


def _thumbnail(image: Image.Image, side: int = THUMB_SIDE) -> Image.Image:
    if max(image.size) <= side:
        return image
    small = image.copy()
    small.thumbnail((side, side), Image.Resampling.BILINEAR)
    return small


def load_folder_tree(root: Path) -> PhotoSet:
    """One sub-folder of images per class (the command line's TRAIN_DIR); other files are skipped.

    A file with an image extension that does not decode is an error naming it (in English: the
    command line's language), never a silent skip.
    """
    if not root.is_dir():
        raise UserError("tl.err.not_a_folder", path=str(root))
    per_class: dict[str, list[Image.Image]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = sorted(f for f in folder.iterdir() if f.suffix.lower().lstrip(".") in ACCEPTED_EXTENSIONS)
        if len(files) > LIMITS.max_transfer_per_class:
            raise UserError("tl.err.class_too_big", name=folder.name, count=len(files),
                            limit=LIMITS.max_transfer_per_class)
        per_class[folder.name] = [_decode(str(f), _read(f), "en") for f in files]
    return make_set(per_class)


def digit_image(pixels: np.ndarray, side: int = DIGIT_SIDE) -> Image.Image:
    """One (8, 8) scikit-learn digit (ink 0..16) -> dark ink on white paper, RGB, ``side`` pixels."""
    gray = (255 - pixels * (255.0 / 16.0)).clip(0, 255).astype(np.uint8)  # (8, 8)
    return Image.fromarray(gray, mode="L").resize((side, side), Image.Resampling.BICUBIC).convert("RGB")


def default_set(digits: Sequence[str] = DEFAULT_DIGITS, per_class: int = 20, seed: int = 0) -> PhotoSet:
    """Handwritten digits bundled with scikit-learn (UCI, 1,797 scans of 8 x 8), as photos per class.

    No registry package ships a small labelled photo set, so the page starts from these; the
    first ``per_class`` scans of each digit after a seeded shuffle.
    """
    from sklearn.datasets import load_digits

    data = load_digits()
    order = np.random.default_rng(seed).permutation(len(data.target))
    per: dict[str, list[Image.Image]] = {}
    for digit in digits:
        picks = [i for i in order if data.target[i] == int(digit)][:per_class]
        per[digit] = [digit_image(data.images[i]) for i in picks]
    return make_set(per)


def split(labels: Sequence[int], val_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Stratified, seeded train / validation indices; every class keeps at least one training photo.

    A class of one photo goes to training only (it cannot be validated); others give
    ``round(n * val_fraction)`` photos, at least one, to validation.
    """
    rng = np.random.default_rng(seed)
    train: list[int] = []
    val: list[int] = []
    for k in sorted(set(labels)):
        members = [i for i, y in enumerate(labels) if y == k]
        rng.shuffle(members)
        n_val = 0 if len(members) < 2 or val_fraction <= 0 else min(len(members) - 1,
                                                                      max(1, round(len(members) * val_fraction)))
        val += members[:n_val]
        train += members[n_val:]
    return sorted(train), sorted(val)


def decode_uploads(named: Sequence[tuple[str, bytes]], known: Mapping[str, Image.Image],
                   kept: MutableMapping[str, Image.Image], lang: str) -> tuple[list[Image.Image], list[UserError]]:
    """Decode uploaded (file name, bytes) pairs with ``load_image``, in memory, each photo once.

    ``known`` holds photos decoded on earlier runs (by content hash); every photo returned is put in
    ``kept``, so a session keeps only what is still uploaded. A bad file is left out and gets an
    error naming it, so one bad file does not hide the good ones.
    """
    images, errors = [], []
    for name, data in named:
        key = hashlib.sha1(data).hexdigest()
        try:
            if key not in kept:
                kept[key] = known[key] if key in known else _decode(name, data, lang)
            images.append(kept[key])
        except UserError as error:
            errors.append(error)
    return images, errors


def _decode(name: str, data: bytes, lang: str) -> Image.Image:
    try:
        return load_image(data)
    except ImageInputError as error:
        raise UserError("tl.err.bad_photo", name=name, reason=error.message(lang)) from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise UserError("err.file_unreadable", path=str(path)) from None


def contact_sheet(images: Sequence[Image.Image], side: int = 64, gap: int = 4) -> Image.Image:
    """Photos side by side on white, each fitted in ``side`` x ``side``: one picture to send instead of many."""
    sheet = Image.new("RGB", (max(1, len(images)) * (side + gap) - gap, side), "white")
    for n, image in enumerate(images):
        small = image.copy()
        small.thumbnail((side, side), Image.Resampling.BILINEAR)
        sheet.paste(small, (n * (side + gap) + (side - small.width) // 2, (side - small.height) // 2))
    return sheet
