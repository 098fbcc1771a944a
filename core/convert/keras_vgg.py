"""VGG16 conv1_1..conv5_3 from the HED Keras-3 HDF5 file into torchvision's ``vgg16().features``.

HED (Xie & Tu, 2015) fine-tuned an ImageNet VGG16 for edge detection at a tiny learning
rate, so its convolutions are still the classic VGG feature extractor (good for feature
maps and for Gatys style transfer); the file has no classifier. Keras stores each kernel as
(kh, kw, in, out) under ``block{b}/layers/conv2d{,_1,_2}/vars/{0,1}``; torch wants
(out, in, kh, kw). Input is Caffe style: BGR, 0..255, minus the VGG channel means.
"""
from __future__ import annotations

import h5py
import numpy as np
import torch
from torch import Tensor, nn
from torchvision.models.vgg import cfgs, make_layers

from core.assets import resolve
from core.device import device
from core.tensors import caffe_input
from core.vgg_layers import layer_names

# Caffe VGG / HED channel means, BGR order, on a 0..255 scale.
VGG_MEANS_BGR = (104.00699, 116.66877, 122.67892)

_CONVS_PER_BLOCK = (2, 2, 3, 3, 3)


def _keras_conv_keys() -> list[str]:
    """HDF5 groups of the 13 convs, in network order: block1/layers/conv2d, block1/layers/conv2d_1, ..."""
    keys = []
    for block, count in enumerate(_CONVS_PER_BLOCK, start=1):
        for i in range(count):
            keys.append(f"block{block}/layers/conv2d" + (f"_{i}" if i else ""))
    return keys


def load_vgg16_hed_features() -> nn.Sequential:
    """torchvision ``vgg16().features`` with the HED weights; eval mode, gradients off, on ``device()``.

    Input: ``vgg_caffe_preprocess`` of an RGB image in [0, 1]. Raises ``ValueError`` if the
    file's layout differs from the expected 13 convs (missing keys, extra convs, wrong shapes).
    """
    with torch.device("meta"):  # no random init: every conv is overwritten below
        features = make_layers(cfgs["D"])  # the same layers as vgg16().features
    features = features.to_empty(device="cpu")
    with h5py.File(resolve("vgg16-hed"), "r") as h5:
        for block, count in enumerate(_CONVS_PER_BLOCK, start=1):
            layers = h5[f"block{block}/layers"].keys() if f"block{block}/layers" in h5 else []
            found = sorted(name for name in layers if name.startswith("conv"))  # pooling layers have no vars
            if len(found) != count:
                raise ValueError(f"VGG16-HED weights: block{block} has layers {found}, expected {count} convs")
        conv_indices = [i for i, name in enumerate(layer_names(features)) if name.startswith("conv")]
        for index, key in zip(conv_indices, _keras_conv_keys(), strict=True):
            conv = features[index]
            if f"{key}/vars/0" not in h5 or f"{key}/vars/1" not in h5:
                raise ValueError(f"VGG16-HED weights: {key}/vars/{{0,1}} missing")
            kernel = torch.from_numpy(np.asarray(h5[f"{key}/vars/0"], dtype=np.float32)).permute(3, 2, 0, 1)
            bias = torch.from_numpy(np.asarray(h5[f"{key}/vars/1"], dtype=np.float32))
            if kernel.shape != conv.weight.shape or bias.shape != conv.bias.shape:
                raise ValueError(f"VGG16-HED weights: {key} gives {tuple(kernel.shape)} / {tuple(bias.shape)}, "
                                 f"features[{index}] wants {tuple(conv.weight.shape)} / {tuple(conv.bias.shape)}")
            with torch.no_grad():
                conv.weight.copy_(kernel)
                conv.bias.copy_(bias)
    return features.eval().requires_grad_(False).to(device())


def vgg_caffe_preprocess(x_rgb01: Tensor) -> Tensor:
    """(B, 3, H, W) RGB in [0, 1] -> Caffe VGG input: BGR, x255, minus the VGG means."""
    return caffe_input(x_rgb01, VGG_MEANS_BGR)
