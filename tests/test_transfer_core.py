"""Transfer learning on the real pretrained CNNs: the default set, metrics against scikit-learn, export, checks."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from sklearn.metrics import confusion_matrix, precision_recall_curve, precision_recall_fscore_support

from core.cnn.models import load_model
from core.errors import UserError
from core.transfer.augment import AugmentConfig, augment_batch, mix, mixup_examples
from core.transfer.backbone import frozen_features, pool, to_batch
from core.transfer.batchnorm import batch_wobble
from core.transfer.dataset import check_classes, decode_uploads, default_set, make_set, split
from core.transfer.export import export_bytes, load_export, top_from_export
from core.transfer.metrics import at_threshold, confusion, pr_curve, scores
from core.transfer.predict import predict
from core.transfer.report import cell_photos, cells, validation_scores
from core.transfer.train import TrainConfig, photo_features, train
from tests.conftest import ASSETS

pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(scope="module")
def photos():
    return default_set()


@pytest.fixture(scope="module")
def effnet():
    return load_model("efficientnet-lite0")


@pytest.fixture(scope="module")
def cache():
    return {}


@pytest.fixture(scope="module")
def head_result(effnet, photos, cache):
    return train(effnet, photos, TrainConfig(epochs=40, seed=0), cache)


def test_default_set_is_six_digit_classes_of_real_scans(photos) -> None:
    assert len(photos.classes) == 6 and photos.counts() == [20] * 6
    assert photos.images[0].mode == "RGB" and photos.images[0].size == (64, 64)
    assert len({p.tobytes() for p in photos.images}) == len(photos)  # no repeated scan


def test_split_is_stratified_seeded_and_disjoint(photos) -> None:
    train_idx, val_idx = split(photos.labels, 0.25, seed=3)
    assert not set(train_idx) & set(val_idx) and len(train_idx) + len(val_idx) == len(photos)
    assert [sum(photos.labels[i] == k for i in val_idx) for k in range(6)] == [5] * 6
    assert split(photos.labels, 0.25, seed=3) == (train_idx, val_idx)
    assert split(photos.labels, 0.25, seed=4) != (train_idx, val_idx)


def test_head_beats_chance_by_a_wide_margin(head_result, cache) -> None:
    s = validation_scores(head_result)
    assert len(head_result.val_idx) == 30
    assert {tuple(v.shape) for k, v in cache.items() if k[1][-1] == "head"} == {(1280,)}  # pooled, 5 KB a photo
    assert s.accuracy >= 0.8, s.accuracy  # chance is 1/6
    first, last = head_result.history[0], head_result.history[-1]
    assert [e.epoch for e in head_result.history] == list(range(41))  # epoch 0: before any step
    assert first.train_loss == pytest.approx(np.log(6), rel=0.5) and last.train_loss < first.train_loss / 10
    assert last.train_acc >= last.val_acc - 1e-6  # the curves the page draws


def test_metrics_equal_scikit_learn(head_result) -> None:
    y_true, y_pred = head_result.val_true, head_result.val_pred
    k = len(head_result.classes)
    ours = scores(confusion(y_true, y_pred, k))
    np.testing.assert_array_equal(ours.matrix, confusion_matrix(y_true, y_pred, labels=range(k)))
    p, r, f, n = precision_recall_fscore_support(y_true, y_pred, labels=range(k), zero_division=0)
    np.testing.assert_allclose(ours.precision, p)
    np.testing.assert_allclose(ours.recall, r)
    np.testing.assert_allclose(ours.f1, f)
    np.testing.assert_array_equal(ours.support, n)
    for c in range(k):
        sk_p, sk_r, sk_t = precision_recall_curve(y_true == c, head_result.val_probs[:, c])
        curve = pr_curve(head_result.val_probs[:, c], y_true == c)
        # sklearn: increasing thresholds, stopping once full recall is reached, plus a final (1, 0) point
        for threshold, precision, recall in zip(sk_t, sk_p[:-1], sk_r[:-1]):
            j = int(np.nonzero(curve.thresholds == threshold)[0][0])
            assert curve.precision[j] == pytest.approx(precision) and curve.recall[j] == pytest.approx(recall)
            assert at_threshold(head_result.val_probs[:, c], y_true == c, threshold)[:2] == pytest.approx(
                (precision, recall))


def test_metrics_with_an_empty_column_match_scikit_learn() -> None:
    y_true, y_pred = np.array([0, 0, 1, 1, 2, 2]), np.array([0, 1, 1, 1, 1, 0])  # class 2 never predicted
    ours = scores(confusion(y_true, y_pred, 3))
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, labels=range(3), zero_division=0)
    np.testing.assert_allclose([ours.precision, ours.recall, ours.f1], [p, r, f])
    assert ours.accuracy == pytest.approx(0.5)


def test_confusion_cells_open_the_misclassified_photos(head_result) -> None:
    s = validation_scores(head_result)
    for true, predicted in cells(s.matrix):
        shown = cell_photos(head_result, true, predicted)
        assert len(shown) == s.matrix[true, predicted]
        position = {i: n for n, i in enumerate(head_result.val_idx)}
        assert all(head_result.val_true[position[i]] == true and head_result.val_pred[position[i]] == predicted
                   for i in shown)


def test_export_loads_with_weights_only_and_reproduces_predictions(effnet, photos, head_result) -> None:
    payload = load_export(export_bytes(head_result))
    assert payload["classes"] == list(photos.classes) and payload["backbone"] == "efficientnet-lite0"
    top = top_from_export(payload, effnet)
    images = [photos.images[i] for i in head_result.val_idx]
    maps = frozen_features(effnet, to_batch(images, payload["side"]), payload["frozen"])
    with torch.no_grad():
        probs = top(pool(maps)).softmax(1).numpy()
    np.testing.assert_allclose(probs, head_result.val_probs, atol=1e-5)
    live = predict(effnet, head_result, images[:3])
    np.testing.assert_allclose(np.stack([p.probabilities for p in live]), head_result.val_probs[:3], atol=1e-5)


def test_nearest_training_photo_of_a_training_photo_is_itself(effnet, photos, head_result) -> None:
    i = head_result.train_idx[0]
    nearest = predict(effnet, head_result, [photos.images[i]])[0].nearest
    assert nearest[0][0] == i and nearest[0][1] == pytest.approx(1.0, abs=1e-4)


def test_fine_tuning_trains_a_copy_and_leaves_the_shared_model_alone(effnet, photos, cache) -> None:
    before = {k: v.clone() for k, v in effnet.stages[-1][1].state_dict().items()}
    config = TrainConfig(trainable=2, epochs=4, batch_size=8, update_bn=True, seed=1)
    result = train(effnet, photos, config, cache)
    assert result.trainable == ("block16", "head")
    for k, v in effnet.stages[-1][1].state_dict().items():
        assert torch.equal(v, before[k]), k  # the shared network is never changed
    tuned = dict(result.top.tail.named_parameters())
    assert any(not torch.equal(tuned[f"1.{k}"], before[k]) for k in before if f"1.{k}" in tuned)
    assert validation_scores(result).accuracy > 0.5
    payload = load_export(export_bytes(result))
    top = top_from_export(payload, effnet)
    maps = photo_features(effnet, photos, list(result.val_idx), list(result.frozen), config, 0, cache)
    with torch.no_grad():
        np.testing.assert_allclose(top(maps).softmax(1).numpy(), result.val_probs, atol=1e-5)
    # batch-size sensitivity: with BN updated one photo's features depend on its batch-mates, frozen never
    updated = batch_wobble(result.top, maps, True, batch_sizes=(2, 8))  # 30 photos: batch-mates vary
    frozen = batch_wobble(result.top, maps, False, batch_sizes=(2, 8))
    assert updated[2] > updated[8] > 0.01 and max(frozen.values()) < 1e-5


def test_mixup_blends_images_and_labels() -> None:
    x = torch.stack([torch.zeros(3, 4, 4), torch.ones(3, 4, 4)])  # (2, 3, 4, 4)
    y = torch.eye(2)
    mixed, soft, lam = mix(x, y, alpha=0.4, generator=torch.Generator().manual_seed(0))
    torch.testing.assert_close(soft.sum(1), torch.ones(2))
    for n in range(2):  # the pixel value of a black/white blend is the weight of the white photo
        assert mixed[n].mean().item() == pytest.approx(soft[n, 1].item(), abs=1e-6)
    assert ((lam > 0) & (lam < 1)).all()


def test_mixup_examples_and_augmentation_change_the_photo(photos) -> None:
    examples = mixup_examples(photos.images, photos.labels, 6, alpha=0.4, count=3, seed=0)
    for e in examples:
        assert e.label.sum() == pytest.approx(1.0) and e.label[photos.labels[e.pair[0]]] >= e.lam - 1e-9
    x = to_batch(photos.images[:4], 96)
    augmented = augment_batch(x, AugmentConfig(), seed=0)
    assert augmented.shape == x.shape and not torch.equal(augmented, x)
    assert torch.equal(augment_batch(x, AugmentConfig(), seed=0), augmented)  # seeded


def test_bad_sets_get_clear_messages() -> None:
    image = default_set(per_class=1).images[0]
    cases = [({"a": [image]}, "tl.err.one_class"), ({"a": [image], "b": []}, "tl.err.empty_class"),
             ({"a": [image], " ": [image]}, "tl.err.unnamed_class"),
             ({"a": [image] * 500, "b": [image]}, "tl.err.class_too_big")]
    for per_class, key in cases:
        with pytest.raises(UserError) as caught:
            make_set(per_class)
        assert caught.value.key == key
        assert caught.value.message("zh") != caught.value.message("en")
    with pytest.raises(UserError) as caught:
        check_classes(["a", "a"], [1, 1])
    assert caught.value.key == "tl.err.duplicate_class"


def test_uploads_are_decoded_once_and_bad_files_are_named() -> None:
    data = (ASSETS / "images" / "coffee.png").read_bytes()
    kept: dict = {}
    first, _ = decode_uploads([("coffee.png", data)], {}, kept, "en")
    again, _ = decode_uploads([("copy.png", data)], kept, {}, "en")
    assert first[0] is again[0] and len(kept) == 1
    images, errors = decode_uploads([("notes.jpg", b"this is not an image"), ("coffee.png", data)], {}, {}, "zh")
    assert len(images) == 1 and [e.key for e in errors] == ["tl.err.bad_photo"]
    assert "notes.jpg" in errors[0].message("zh")


def test_a_stop_is_noticed_in_both_phases(effnet, photos, cache) -> None:
    from core.jobs import JobControl

    class StopAt(JobControl):
        """Asks to stop when a given progress item is reported."""

        def __init__(self, phase: str, done: int) -> None:
            super().__init__()
            self.at = (phase, done)

        def report(self, item) -> None:
            super().report(item)
            if (item.phase, item.done) == self.at:
                self.stop_event.set()

    assert train(effnet, photos, TrainConfig(seed=5), {}, StopAt("features", 16)) is None
    kept = train(effnet, photos, TrainConfig(epochs=40), cache, StopAt("train", 3))
    assert [e.epoch for e in kept.history] == [0, 1, 2, 3] and kept.val_probs.shape == (30, 6)


def test_the_usage_snippet_runs_and_agrees(tmp_path, photos, head_result, capsys) -> None:
    from core.transfer.export import snippet

    (tmp_path / "head.pt").write_bytes(export_bytes(head_result))
    i = head_result.val_idx[0]
    photos.images[i].save(tmp_path / "photo.png")
    exec(snippet(str(tmp_path / "head.pt"), str(tmp_path / "photo.png")), {})  # noqa: S102 - our own snippet
    name, probability = capsys.readouterr().out.split()
    n = head_result.val_idx.index(i)
    assert name == photos.classes[int(head_result.val_probs[n].argmax())]
    assert float(probability) == pytest.approx(float(head_result.val_probs[n].max()), abs=1e-4)
