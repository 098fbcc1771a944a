"""Face book (enrol, identify, forget) and the geometry helpers, on real SFace embeddings."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch
from sklearn.decomposition import PCA

from core.errors import UserError
from core.faces.facebook import MAX_ENTRIES, MAX_NAME, FaceBook
from core.faces.geometry import error_rates, pair_scores, pca_2d, triplet
from core.faces.pipeline import PhotoFaces, analyse, load_models
from core.faces.verify import DEFAULT_THRESHOLD
from core.image_input import load_image

FACES = Path(__file__).resolve().parent.parent / "assets" / "faces"
NAMES = {"obama": "Obama", "obama2": "Obama", "obama3": "Obama", "biden": "Biden"}


@pytest.fixture(scope="module")
def photos() -> dict[str, PhotoFaces]:
    models = load_models(torch.device("cpu"))
    return {name: analyse(models, load_image((FACES / f"{name}.jpg").read_bytes())) for name in NAMES}


def test_one_shot_enrol_then_identify_new_photos(photos: dict[str, PhotoFaces]) -> None:
    book = FaceBook()
    book.enrol("  Barack   Obama ", photos["obama"].face(0), photos["obama"].crops[0])
    book.enrol("Joe Biden", photos["biden"].face(0), photos["biden"].crops[0])
    assert [entry.name for entry in book.entries] == ["Barack Obama", "Joe Biden"]
    for probe in ("obama2", "obama3"):  # photos never enrolled: one example per person was enough
        found = book.identify(photos[probe].face(0), DEFAULT_THRESHOLD)
        assert found.name == "Barack Obama" and found.similarity > DEFAULT_THRESHOLD
        assert found.similarities.shape == (2,) and int(found.similarities.argmax()) == 0


def test_unknown_when_nobody_is_close_enough(photos: dict[str, PhotoFaces]) -> None:
    book = FaceBook()
    book.enrol("Obama", photos["obama"].face(0), photos["obama"].crops[0])
    found = book.identify(photos["biden"].face(0), DEFAULT_THRESHOLD)
    assert found.name is None and found.nearest is not None and found.nearest.name == "Obama"
    assert found.similarity < DEFAULT_THRESHOLD
    empty = FaceBook().identify(photos["biden"].face(0), DEFAULT_THRESHOLD)
    assert empty.name is None and empty.nearest is None


def test_forget_one_and_all(photos: dict[str, PhotoFaces]) -> None:
    book = FaceBook()
    for name, label in NAMES.items():
        book.enrol(label, photos[name].face(0), photos[name].crops[0])
    book.forget(book.entries[0].id)
    assert [entry.id for entry in book.entries] == [2, 3, 4]
    book.forget(99)  # already gone: no error
    assert len(book.entries) == 3
    book.enrol("Obama", photos["obama"].face(0), photos["obama"].crops[0])
    assert book.entries[-1].id == 5, "ids are never reused"
    book.forget_all()
    assert book.entries == [] and book.matrix().shape == (0, 128)


def test_entries_are_copies_not_views(photos: dict[str, PhotoFaces]) -> None:
    embedding, crop = photos["obama"].face(0).clone(), photos["obama"].crops[0].copy()
    entry = FaceBook().enrol("Obama", embedding, crop)
    embedding.zero_()
    crop[:] = 0
    assert float(entry.embedding.norm()) == pytest.approx(1.0, abs=1e-5) and entry.thumbnail.any()


def test_bad_names_and_a_full_book_are_user_errors(photos: dict[str, PhotoFaces]) -> None:
    book = FaceBook()
    emb, crop = photos["obama"].face(0), photos["obama"].crops[0]
    with pytest.raises(UserError) as caught:
        book.enrol("   ", emb, crop)
    assert caught.value.key == "face.err.name_empty"
    with pytest.raises(UserError) as caught:
        book.enrol("x" * (MAX_NAME + 1), emb, crop)
    assert caught.value.key == "face.err.name_long"
    for i in range(MAX_ENTRIES):
        book.enrol(f"p{i}", emb, crop)
    with pytest.raises(UserError) as caught:
        book.enrol("one more", emb, crop)
    assert caught.value.key == "face.err.book_full"


def test_pca_matches_scikit_learn(photos: dict[str, PhotoFaces]) -> None:
    embeddings = torch.cat([faces.embeddings for faces in photos.values()])
    ours = pca_2d(embeddings)
    reference = PCA(n_components=2).fit(embeddings.numpy())
    expected = reference.transform(embeddings.numpy())
    np.testing.assert_allclose(np.abs(ours.points.numpy()), np.abs(expected), atol=1e-4)
    np.testing.assert_allclose(ours.explained, reference.explained_variance_ratio_, atol=1e-4)
    assert pca_2d(embeddings[:1]).points.shape == (1, 2)
    repeated = pca_2d(embeddings[:1].repeat(3, 1))  # one face enrolled three times: a point, no NaN
    assert not repeated.points.any() and repeated.explained == (0.0, 0.0)


def test_pca_map_separates_the_two_people(photos: dict[str, PhotoFaces]) -> None:
    points = pca_2d(torch.cat([faces.embeddings for faces in photos.values()])).points
    obama, biden = points[:3], points[3]
    spread = torch.cdist(obama, obama).max()
    assert torch.cdist(biden[None], obama).min() > spread


def test_triplet_loss_matches_the_formula(photos: dict[str, PhotoFaces]) -> None:
    a, p, n = photos["obama"].face(0), photos["obama2"].face(0), photos["biden"].face(0)
    for margin in (0.0, 0.2, 1.0):
        result = triplet(a, p, n, margin)
        d_ap, d_an = float(torch.dist(a, p)), float(torch.dist(a, n))
        assert result.d_ap == pytest.approx(d_ap, abs=1e-5) and result.d_an == pytest.approx(d_an, abs=1e-5)
        assert result.loss == pytest.approx(max(d_ap - d_an + margin, 0.0), abs=1e-5)
        if margin > 0:  # torch's own loss as the oracle (it refuses margin 0)
            expected = torch.nn.TripletMarginLoss(margin=margin, eps=0.0)(a[None], p[None], n[None])
            assert result.loss == pytest.approx(float(expected), abs=1e-5)
        assert triplet(a, n, p, margin).loss == pytest.approx(d_an - d_ap + margin, abs=1e-5)
    assert triplet(a, p, n, 0.2).loss == 0.0, "a well-separated triplet teaches nothing"


def test_genuine_impostor_pairs_and_error_rates(photos: dict[str, PhotoFaces]) -> None:
    embeddings = torch.cat([faces.embeddings for faces in photos.values()])
    scores = pair_scores(embeddings, list(NAMES.values()))
    assert len(scores.genuine) == 3 and len(scores.impostor) == 3  # C(3,2) Obama pairs; 3 Obama-Biden
    rates = error_rates(scores, DEFAULT_THRESHOLD)
    assert rates.far == 0.0 and rates.frr == 0.0
    assert error_rates(scores, 1.01).frr == 1.0 and error_rates(scores, -1.01).far == 1.0
    only_one = pair_scores(embeddings[:1], ["Obama"])
    assert math.isnan(error_rates(only_one, 0.5).far) and math.isnan(error_rates(only_one, 0.5).frr)
