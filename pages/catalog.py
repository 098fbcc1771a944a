"""The lab's pages, by section: the navigation, the Home page's cards and the tests all read this list."""
from __future__ import annotations

PAGES: dict[str, list[tuple[str, str]]] = {
    # section key -> (page id, icon); the page file is pages/<id>.py, its URL /<id>.
    "nav.section.foundations": [
        ("backprop", ":material/school:"),
        ("activations", ":material/show_chart:"),
        ("optimizers", ":material/speed:"),
    ],
    "nav.section.vision": [
        ("cnn_features", ":material/grid_on:"),
        ("detection", ":material/center_focus_strong:"),
        ("faces", ":material/face:"),
        ("style_transfer", ":material/palette:"),
        ("transfer", ":material/model_training:"),
    ],
    "nav.section.language": [
        ("word2vec", ":material/hub:"),
        ("rnn", ":material/replay:"),
        ("attention", ":material/visibility:"),
    ],
}
