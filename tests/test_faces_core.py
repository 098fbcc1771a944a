"""Face pipeline on real photos: detection vs OpenCV, alignment, embeddings, decisions, robustness."""
from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pytest
import torch
from PIL import Image
from skimage.transform import SimilarityTransform

from core.assets import resolve
from core.errors import UserError
from core.faces.align import CROP, TEMPLATE, align, umeyama, warp
from core.faces.pipeline import FaceModels, PhotoFaces, analyse, load_models
from core.faces.verify import DEFAULT_THRESHOLD, decide, l2_for_cosine
from core.image_input import load_image
from core.tensors import to_pixels

ROOT = Path(__file__).resolve().parent.parent
FACES = ROOT / "assets" / "faces"
SAME = ["obama", "obama2", "obama3"]
OTHER = "biden"


@pytest.fixture(scope="module")
def models() -> FaceModels:
    return load_models(torch.device("cpu"))


def _photo(name: str) -> Image.Image:
    return load_image((FACES / f"{name}.jpg").read_bytes())


@pytest.fixture(scope="module")
def photos(models: FaceModels) -> dict[str, PhotoFaces]:
    return {name: analyse(models, _photo(name)) for name in SAME + [OTHER]}


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a.ravel() @ b.ravel() / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_each_portrait_has_exactly_one_confident_face(photos: dict[str, PhotoFaces]) -> None:
    for name, faces in photos.items():
        assert len(faces) == 1, name
        assert faces.scores[0] > 0.8, name
        x1, y1, x2, y2 = faces.boxes[0]
        assert all(x1 < x < x2 and y1 < y < y2 for x, y in faces.landmarks[0]), "landmarks inside the box"
        norms = torch.linalg.vector_norm(faces.embeddings, dim=1)
        assert torch.allclose(norms, torch.ones_like(norms), atol=1e-5)


def test_no_face_gives_the_clear_message(models: FaceModels) -> None:
    faces = analyse(models, load_image((ROOT / "assets" / "images" / "coffee.png").read_bytes()))
    assert len(faces) == 0 and faces.embeddings.shape == (0, 128) and faces.crops.shape == (0, CROP, CROP, 3)
    with pytest.raises(UserError) as caught:
        faces.face(0)
    assert caught.value.key == "face.err.no_face"
    assert "No face found" in caught.value.message("en") and "没有找到人脸" in caught.value.message("zh")


@pytest.mark.parametrize("name", ["obama", "biden"])
def test_pipeline_matches_opencv_detector_and_recognizer(models: FaceModels, name: str) -> None:
    """Same image into cv2.FaceDetectorYN + FaceRecognizerSF and into ours: same face, same embedding."""
    image = _photo(name)
    image.thumbnail((640, 640))  # below DETECT_SIDE: both detect at this exact size
    bgr = np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    detector = cv2.FaceDetectorYN.create(str(resolve("yunet")), "", image.size, 0.6, 0.3)
    _, expected = detector.detect(bgr)
    recognizer = cv2.FaceRecognizerSF.create(str(resolve("sface")), "")
    reference = recognizer.feature(recognizer.alignCrop(bgr, expected[0]))

    ours = analyse(models, image)
    assert len(ours) == len(expected) == 1
    np.testing.assert_allclose(ours.landmarks[0], expected[0, 4:14].reshape(5, 2), atol=0.05)
    np.testing.assert_allclose(ours.scores[0], expected[0, 14], atol=1e-3)
    # OpenCV truncates to whole pixels for NMS only; its boxes are x, y, w, h.
    box = expected[0, :4]
    np.testing.assert_allclose(ours.boxes[0], [box[0], box[1], box[0] + box[2], box[1] + box[3]], atol=0.05)
    assert _cos(ours.embeddings[0].numpy(), reference) > 0.999


def test_umeyama_matches_scikit_image_and_recovers_a_known_similarity() -> None:
    generator = torch.Generator().manual_seed(0)
    src = torch.rand(3, 5, 2, generator=generator) * 300  # three random landmark sets
    ours = umeyama(src, TEMPLATE)
    for points, matrix in zip(src, ours):
        reference = SimilarityTransform.from_estimate(points.numpy().astype(np.float64), TEMPLATE.numpy().astype(np.float64))
        np.testing.assert_allclose(matrix.numpy(), reference.params[:2], rtol=1e-4, atol=1e-4)
    angle, scale, shift = 0.3, 0.4, torch.tensor([12.0, -7.0])
    rotation = torch.tensor([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], dtype=torch.float32)
    dst = TEMPLATE @ (scale * rotation).T + shift
    exact = umeyama(TEMPLATE[None], dst)[0]
    torch.testing.assert_close(exact[:, :2], scale * rotation, atol=1e-5, rtol=0)
    torch.testing.assert_close(exact[:, 2], shift, atol=1e-4, rtol=0)


def test_warp_matches_cv2_warp_affine() -> None:
    image = _photo("obama2")
    rgb = to_pixels(image).float()  # (3, H, W) 0..255
    matrix = torch.tensor([[0.3, 0.05, -40.0], [-0.05, 0.3, -60.0]])
    ours = warp(rgb, matrix[None])[0].permute(1, 2, 0).numpy()
    expected = cv2.warpAffine(np.asarray(image).astype(np.float32), matrix.numpy(), (CROP, CROP))
    assert np.abs(ours - expected).mean() < 0.5  # OpenCV interpolates with 1/32-pixel fixed point
    assert np.abs(ours - expected).max() < 4


def test_align_puts_landmarks_on_the_template(photos: dict[str, PhotoFaces], models: FaceModels) -> None:
    """Re-detecting on an aligned crop finds the landmarks near the template (a round trip)."""
    crop = photos["obama"].crops[0]
    canvas = np.zeros((160, 160, 3), np.uint8)
    canvas[24:136, 24:136] = crop
    again = analyse(models, Image.fromarray(canvas))
    assert len(again) == 1
    assert np.abs(again.landmarks[0] - 24 - TEMPLATE.numpy()).max() < 6


def test_same_person_above_and_other_person_below_the_default_threshold(photos: dict[str, PhotoFaces]) -> None:
    for i, a in enumerate(SAME):
        for b in SAME[i + 1:]:
            verdict = decide(photos[a].face(0), photos[b].face(0))
            assert verdict.same and verdict.cosine > DEFAULT_THRESHOLD + 0.2, (a, b, verdict)
        verdict = decide(photos[a].face(0), photos[OTHER].face(0))
        assert not verdict.same and verdict.cosine < DEFAULT_THRESHOLD - 0.05, (a, OTHER, verdict)


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return load_image(buffer.getvalue())


DISTORTIONS = {
    "rotate+15": lambda im: im.rotate(15, resample=Image.Resampling.BILINEAR, expand=True),
    "rotate-15": lambda im: im.rotate(-15, resample=Image.Resampling.BILINEAR, expand=True),
    "scale0.5": lambda im: im.resize((im.width // 2, im.height // 2), Image.Resampling.LANCZOS),
    "jpeg30": lambda im: _jpeg(im, 30),
}


@pytest.mark.parametrize("distortion", sorted(DISTORTIONS))
def test_distorted_photo_still_verifies(models: FaceModels, photos: dict[str, PhotoFaces], distortion: str) -> None:
    distorted = analyse(models, DISTORTIONS[distortion](_photo("obama")))
    assert len(distorted) == 1
    probe = distorted.face(0)
    assert decide(probe, photos["obama"].face(0)).cosine > 0.8  # the same photo
    assert decide(probe, photos["obama2"].face(0)).same  # another photo of the same person
    assert not decide(probe, photos[OTHER].face(0)).same


def test_several_faces_in_one_photo_are_all_found(models: FaceModels, photos: dict[str, PhotoFaces]) -> None:
    left, right = _photo("obama"), _photo("biden")
    height = 600
    left = left.resize((left.width * height // left.height, height))
    right = right.resize((right.width * height // right.height, height))
    both = Image.new("RGB", (left.width + right.width, height))
    both.paste(left, (0, 0))
    both.paste(right, (left.width, 0))
    faces = analyse(models, both)
    assert len(faces) == 2
    order = np.argsort(faces.boxes[:, 0])  # left face first
    assert decide(faces.face(int(order[0])), photos["obama2"].face(0)).same
    assert decide(faces.face(int(order[1])), photos[OTHER].face(0)).same
    with pytest.raises(UserError) as caught:
        faces.face(5)
    assert caught.value.key == "face.err.bad_index"


def test_decide_reports_consistent_cosine_l2_and_margin(photos: dict[str, PhotoFaces]) -> None:
    a, b = photos["obama"].face(0), photos["obama3"].face(0)
    verdict = decide(a, b, threshold=0.5)
    assert verdict.l2 == pytest.approx(l2_for_cosine(verdict.cosine), abs=1e-5)
    assert verdict.margin == pytest.approx(verdict.cosine - 0.5)
    assert decide(a, b, threshold=verdict.cosine + 0.01).same is False
    assert verdict.l2_threshold == pytest.approx(1.0)  # sqrt(2 - 2 * 0.5)


def test_align_of_no_landmarks_is_empty() -> None:
    assert align(torch.zeros(3, 50, 50), torch.zeros(0, 5, 2)).shape == (0, 3, CROP, CROP)


def test_parallel_requests_on_the_shared_models_agree(models: FaceModels, photos: dict[str, PhotoFaces]) -> None:
    """Several sessions analyse photos at once on one shared model: same results as one at a time."""
    from concurrent.futures import ThreadPoolExecutor

    names = SAME + [OTHER]
    images = {name: _photo(name) for name in names}
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda name: analyse(models, images[name]), names * 2))
    for name, faces in zip(names * 2, results):
        torch.testing.assert_close(faces.embeddings, photos[name].embeddings, atol=1e-4, rtol=0)
        np.testing.assert_allclose(faces.boxes, photos[name].boxes, atol=1e-2)


def test_large_photos_are_detected_downsized_and_mapped_back(models: FaceModels) -> None:
    small = _photo("biden")
    small.thumbnail((640, 640))
    large = small.resize((small.width * 2, small.height * 2), Image.Resampling.BICUBIC)
    at_small, at_large = analyse(models, small), analyse(models, large)
    assert len(at_small) == len(at_large) == 1
    np.testing.assert_allclose(at_large.landmarks[0], at_small.landmarks[0] * 2, atol=3.0)
    np.testing.assert_allclose(at_large.boxes[0], at_small.boxes[0] * 2, atol=4.0)
    assert decide(at_large.face(0), at_small.face(0)).cosine > 0.95
