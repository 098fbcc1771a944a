"""Activation functions and what they do inside a network.

``functions``: the registry (each function as a torch module, derivatives by autograd);
``depth``: activations and gradients through a deep MLP (vanishing / exploding gradients);
``datasets`` and ``playground``: 2-D toy problems and a small MLP trained live on them.
"""
