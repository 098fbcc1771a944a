"""CNN feature maps: convolution arithmetic, layer costs, receptive fields and pretrained CNNs on an image."""
