"""Neural style transfer: fast feed-forward styles, arbitrary styles and Gatys optimisation.

- ``fast``: the 26-style conditional-instance-norm network (Dumoulin et al. 2017).
- ``arbitrary``: Magenta's style predictor + transformer (Ghiasi et al. 2017), int8 ONNX made float.
- ``losses``: Gram matrices, content and style costs (Gatys et al. 2016).
- ``vgg``: the shared VGG feature extractor, named layers without hooks.
- ``gatys``: the optimisation loop as a stoppable generator.
- ``jobs``: background jobs with a server-wide limit on how many optimise at once.
"""
