"""The photos one session has analysed, so moving a slider never runs a network again.

Face photos are biometric data: what is derived from them (boxes, crops, embeddings) is
kept per session only, in this small bounded cache that the page stores in that session's
state, keyed by the sha256 of the photo's bytes (the bytes themselves are not kept). Never a
server-wide cache: an embedding must not outlive its owner's session.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, ItemsView

from PIL import Image

from core.faces.pipeline import PhotoFaces, photo_key


class PhotoCache:
    """The last ``size`` photos' faces, least recently used dropped first."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._faces: OrderedDict[str, PhotoFaces] = OrderedDict()

    def faces(self, data: bytes, image: Image.Image, analyse: Callable[[Image.Image], PhotoFaces]) -> PhotoFaces:
        """The faces of the photo with these bytes: remembered, or ``analyse(image)`` now."""
        key = photo_key(data)
        if key not in self._faces:
            self._faces[key] = analyse(image)
            while len(self._faces) > self.size:
                self._faces.popitem(last=False)
        self._faces.move_to_end(key)
        return self._faces[key]

    def items(self) -> ItemsView[str, PhotoFaces]:
        return self._faces.items()

    def __len__(self) -> int:
        return len(self._faces)
