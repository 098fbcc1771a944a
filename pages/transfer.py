"""Train on your photos: a pretrained CNN, a head trained live, augmentation, mixup and honest metrics."""
from __future__ import annotations

import streamlit as st
from PIL import Image

from core.cnn.models import load_model
from core.errors import UserError
from core.image_input import ACCEPTED_EXTENSIONS, load_image
from core.settings import LIMITS
from core.transfer import figures as fig
from core.transfer.augment import AUGMENTATIONS, AugmentConfig, augment_grid, mixup_examples
from core.transfer.backbone import BACKBONES, MAX_TRAINABLE, has_batchnorm
from core.transfer.batchnorm import batch_wobble
from core.transfer.dataset import PhotoSet, contact_sheet, decode_uploads, default_set, make_set
from core.transfer.export import export_bytes, snippet
from core.transfer.metrics import at_threshold, pr_curve
from core.transfer.params import BATCHES, EPOCHS, LRS, PARAMS, SOURCES, VIEWS, config_from, tidy
from core.transfer.predict import predict
from core.transfer.report import cell_photos, cells, class_table, run_label, validation_scores
from core.transfer.train import TrainConfig, TrainResult, photo_features, train
from pages.ui import (chart, download_bytes, download_csv, job_panel, lang, option_labels, page_title, session_job,
                      share_link, start_session_job, theory, tr, url_state, user_errors)


backbone = st.cache_resource(show_spinner=False)(load_model)  # one shared copy per process
default_photos = st.cache_resource(show_spinner=False)(default_set)


def own_photos() -> PhotoSet | None:
    count = st.slider(tr("tl.n_classes"), 2, LIMITS.max_transfer_classes, 2, key="tl_n_classes")
    per_class: list[tuple[str, list[Image.Image]]] = []
    known, kept = st.session_state.get("tl_decoded", {}), {}
    for column, k in zip(st.columns(count), range(count)):
        with column:
            name = st.text_input(tr("tl.class_name"), value=tr("tl.class_default", n=k + 1), key=f"tl_name_{k}")
            files = st.file_uploader(tr("tl.upload"), type=ACCEPTED_EXTENSIONS, accept_multiple_files=True,
                                     key=f"tl_files_{k}")
            shots: list[bytes] = st.session_state.setdefault(f"tl_shots_{k}", [])
            if st.toggle(tr("tl.camera"), key=f"tl_cam_on_{k}"):
                shot = st.camera_input(tr("tl.camera_take"), key=f"tl_cam_{k}")
                if shot is not None and st.button(tr("tl.camera_add"), key=f"tl_cam_add_{k}"):
                    shots.append(shot.getvalue())
            named = [(f.name, f.getvalue()) for f in files or []] + [
                (tr("tl.shot", n=i + 1), shot) for i, shot in enumerate(shots)]
            images, errors = decode_uploads(named, known, kept, lang())
            for error in errors:
                st.error(error.message(lang()))
            per_class.append((name, images))
            st.caption(tr("tl.count", count=len(images)))
    st.session_state["tl_decoded"] = kept  # photos no longer uploaded are released
    try:  # the message shows and the rest of the page stays: its widgets keep their settings
        return make_set(per_class)
    except UserError as error:
        st.error(error.message(lang()))
        return None


def photos_view(photos: PhotoSet) -> None:
    st.caption(tr("tl.default_note") if st.session_state["tl_source"] == "default" else tr("tl.privacy"))
    old, sheets = st.session_state.get("tl_sheets", {}), {}  # one picture per class, redrawn only on change
    for k, name in enumerate(photos.classes):
        members = tuple(photos.thumb(i) for i, y in enumerate(photos.labels) if y == k)[:12]
        key = (name, tuple(map(id, members)))
        sheets[key] = old[key] if key in old else (members, contact_sheet(members))  # members pin the ids
        st.image(sheets[key][1], caption=f"{name} ({photos.counts()[k]})")
    st.session_state["tl_sheets"] = sheets


def augment_view(photos: PhotoSet, aug: AugmentConfig) -> None:
    pick = st.slider(tr("tl.aug_photo"), 0, len(photos) - 1, 0, key="tl_aug_pick")
    st.image(augment_grid(photos.images[pick], aug, 8, seed=pick), width=110,
             caption=[tr("tl.original")] + [tr("tl.copy", n=i) for i in range(1, 8)])
    if not aug.any:
        st.info(tr("tl.aug_none"))
    alpha = st.session_state["tl_mixup"] or 0.4
    st.markdown(tr("tl.mixup_head", alpha=alpha))
    examples = mixup_examples(photos.images, photos.labels, len(photos.classes), alpha, 4, seed=pick)
    st.image([e.image for e in examples], caption=[e.caption(photos.classes) for e in examples], width=140)
    st.caption(tr("tl.mixup_note"))


def train_controls(model_id: str) -> TrainConfig:
    left, mid, right = st.columns(3)
    left.selectbox(tr("tl.backbone"), BACKBONES, key="tl_backbone")
    left.slider(tr("tl.blocks"), 0, MAX_TRAINABLE[model_id], key="tl_blocks", help=tr("tl.blocks_help"))
    left.toggle(tr("tl.bn_update"), key="tl_bn", disabled=not has_batchnorm(backbone(model_id).stages[-1][1]))
    mid.select_slider(tr("tl.epochs"), EPOCHS, key="tl_epochs")
    mid.select_slider(tr("tl.lr"), LRS, key="tl_lr")
    mid.select_slider(tr("tl.batch"), BATCHES, key="tl_batch")
    right.slider(tr("tl.val"), 0.1, 0.5, step=0.05, key="tl_val")
    right.number_input(tr("tl.seed"), 0, 999, key="tl_seed")
    right.slider(tr("tl.mixup"), 0.0, 1.0, step=0.1, key="tl_mixup", help=tr("tl.mixup_help"))
    return config_from(st.session_state)


def draw_progress(snap) -> None:
    if (item := snap.latest) is not None:
        st.progress(item.done / max(item.total, 1), text=tr(f"tl.phase.{item.phase}", done=item.done, total=item.total))
        if item.history:
            chart(fig.curves(item.history, lang()), "tl_live_curves")


def train_view(photos: PhotoSet, config: TrainConfig) -> None:
    if st.button(tr("tl.start"), type="primary", key="tl_start"):
        model, cache = backbone(config.backbone), st.session_state.setdefault("tl_cache", {})
        with user_errors():
            start_session_job("transfer", lambda control: train(model, photos, config, cache, control), name="transfer")
            st.session_state["tl_trained_on"] = photos
    if (job := session_job("transfer")) is None:
        st.info(tr("tl.not_trained"))
        return
    job_panel(job, draw_progress, key="tl_job")
    result = finished()
    if result is not None and result.trainable and has_batchnorm(result.top):
        wobble_view(result, st.session_state["tl_trained_on"])
    runs = st.session_state.get("tl_runs", [])
    if len(runs) > 1:
        chart(fig.runs_figure([r[0] for r in runs], [r[1] for r in runs], lang()), "tl_runs")


def finished() -> TrainResult | None:
    """The latest finished run's result; each new one is added to this session's comparison once."""
    job = session_job("transfer")
    if job is None or job.alive or job.result is None:
        return None
    runs = st.session_state.setdefault("tl_runs", [])
    if st.session_state.get("tl_run_serial") != job.serial:
        st.session_state["tl_run_serial"] = job.serial
        runs.append((run_label(job.result.config, len(runs) + 1), job.result.history[-1].val_acc))
    return job.result


def wobble_view(result: TrainResult, photos: PhotoSet) -> None:
    """Measured once per run (kept with the session): batch-mates move a photo's features only with BN updated."""
    if st.session_state.get("tl_wobble", (None,))[0] is not result:
        model, cache = backbone(result.config.backbone), st.session_state.setdefault("tl_cache", {})
        maps = photo_features(model, photos, list(result.train_idx), list(result.frozen), result.config, 0, cache)
        st.session_state["tl_wobble"] = (result, *(batch_wobble(result.top, maps, bn) for bn in (True, False)))
    _, updated, frozen = st.session_state["tl_wobble"]
    chart(fig.wobble_figure(updated, frozen, lang()), "tl_wobble")
    st.caption(tr("tl.bn_note"))


def evaluate_view(result: TrainResult, photos: PhotoSet) -> None:
    if not result.val_idx:
        st.info(tr("tl.no_val"))
        return
    s = validation_scores(result)
    st.metric(tr("tl.accuracy"), f"{s.accuracy:.1%}", help=tr("tl.accuracy_help", n=len(result.val_idx)))
    left, right = st.columns(2)
    event = chart(fig.confusion_figure(s.matrix, result.classes, lang()), "tl_confusion", left, on_select="rerun",
                  selection_mode="points")
    options = cells(s.matrix)
    points = event.selection.points if event and event.selection else []
    clicked = (result.classes.index(points[0]["y"]), result.classes.index(points[0]["x"])) if points else None
    if clicked is not None and clicked != st.session_state.get("tl_clicked"):  # a new click, not a kept selection
        st.session_state["tl_cell"] = st.session_state["tl_clicked"] = clicked
    if st.session_state.get("tl_cell") not in options:
        st.session_state["tl_cell"] = options[0]
    names = {c: tr("tl.cell_label", true=result.classes[c[0]], pred=result.classes[c[1]], n=int(s.matrix[c]))
             for c in options}  # fixed now: AppTest formats outside the run
    cell = right.selectbox(tr("tl.cell"), options, key="tl_cell", format_func=names.__getitem__)
    right.image([photos.thumb(i) for i in cell_photos(result, *cell)], width=72)
    table = class_table(s, result.classes)
    st.dataframe(table, hide_index=True)
    download_csv(table, "per_class_scores.csv", "tl_scores_csv")
    chart(fig.class_scores_figure(s, result.classes, lang()), "tl_per_class")
    st.latex(r"P=\frac{TP}{TP+FP}\quad R=\frac{TP}{TP+FN}\quad F_1=\frac{2PR}{P+R}\quad "
             r"\mathrm{acc}_c=\frac{TP+TN}{N}")
    k = min(st.session_state["tl_pr_class"], len(result.classes) - 1)
    k = st.selectbox(tr("tl.pr_class"), range(len(result.classes)), index=k, format_func=result.classes.__getitem__,
                     key="tl_pr_pick")
    st.session_state["tl_pr_class"] = k
    threshold = st.slider(tr("tl.threshold"), 0.0, 1.0, step=0.01, key="tl_threshold")
    scores_k, positive = result.val_probs[:, k], result.val_true == k
    precision, recall, called = at_threshold(scores_k, positive, threshold)
    chart(fig.pr_figure(pr_curve(scores_k, positive), (precision, recall), threshold, result.classes[k], lang()),
          "tl_pr")
    st.caption(tr("tl.at_threshold", p=precision, r=recall, called=called, name=result.classes[k]))


def predict_view(result: TrainResult, photos: PhotoSet) -> None:
    source = st.radio(tr("tl.predict_source"), ("val", "upload", "camera"), horizontal=True, key="tl_pred_source",
                      format_func=option_labels("tl.predict_source."))
    image = None
    with user_errors():
        if source == "val":
            pick = st.selectbox(tr("tl.val_photo"), result.val_idx, key="tl_pred_pick",
                                format_func=lambda i: f"{photos.classes[photos.labels[i]]} #{i}")
            image = photos.images[pick] if pick is not None else None
        elif (got := (st.file_uploader(tr("tl.upload_one"), type=ACCEPTED_EXTENSIONS, key="tl_pred_file")
                      if source == "upload" else st.camera_input(tr("tl.camera_take"), key="tl_pred_cam"))):
            image = load_image(got.getvalue())
    if image is None:
        return
    found = predict(backbone(result.config.backbone), result, [image])[0]
    left, right = st.columns([1, 2])
    left.image(image, width=160)
    chart(fig.probability_bars(found.probabilities, result.classes, lang()), "tl_probs", right)
    st.markdown(tr("tl.nearest"))
    st.image([photos.thumb(i) for i, _ in found.nearest], width=96,
             caption=[f"{photos.classes[photos.labels[i]]} · cos {c:.2f}" for i, c in found.nearest])


def export_view(result: TrainResult) -> None:
    download_bytes(tr("tl.download_head"), lambda: export_bytes(result), "transfer_head.pt",
                   "application/octet-stream", "tl_export")
    st.caption(tr("tl.export_note"))
    st.code(snippet("transfer_head.pt"), language="python")


def main() -> None:
    page_title("page.transfer")
    st.caption(tr("tl.intro"))
    url_state(PARAMS)
    tidy(st.session_state)
    share_link()
    st.radio(tr("tl.source"), SOURCES, horizontal=True, key="tl_source", format_func=option_labels("tl.src."))
    photos = default_photos() if st.session_state["tl_source"] == "default" else own_photos()
    st.multiselect(tr("tl.augment"), AUGMENTATIONS, key="tl_aug", format_func=option_labels("tl.aug."))
    st.slider(tr("tl.views"), 1, 4, key="tl_views")
    view = st.radio(tr("tl.view"), VIEWS, key="tl_view", horizontal=True, format_func=option_labels("tl.view."))
    config = config_from(st.session_state)
    result, trained_on = finished(), st.session_state.get("tl_trained_on")
    if photos is None and view in ("photos", "augment", "train"):
        st.info(tr("tl.fix_photos"))
    elif view == "photos":
        photos_view(photos)
    elif view == "augment":
        augment_view(photos, config.augment)
    elif view == "train":
        train_view(photos, train_controls(config.backbone))
    elif result is None:
        st.info(tr("tl.train_first"))
    elif view == "evaluate":
        evaluate_view(result, trained_on)
    elif view == "predict":
        predict_view(result, trained_on)
    elif view == "export":
        export_view(result)
    theory([r"\hat y=\mathrm{softmax}(W\,\phi(x)+b),\ \phi\ \text{frozen}",
            r"\tilde x=\lambda x_i+(1-\lambda)x_j,\ \tilde y=\lambda y_i+(1-\lambda)y_j,\ "
            r"\lambda\sim\mathrm{Beta}(\alpha,\alpha)",
            r"\mathrm{BN}(x)=\gamma\frac{x-\mu_B}{\sqrt{\sigma_B^2+\epsilon}}+\beta"], "tl.theory")


main()
