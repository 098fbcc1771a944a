"""Optimizers race: real ``torch.optim`` optimizers running on 2-D loss surfaces.

- ``surfaces``: the loss surfaces as torch functions, each with its known minima;
- ``racers``: which optimizer, with which hyperparameters and learning-rate schedule;
- ``race``: runs every racer from the same start, records paths and optimizer state;
- ``inside``: what a racer's state means (momentum buffer, Adam's m̂ and v̂, effective step);
- ``ewa``: the exponentially weighted average, with and without bias correction;
- ``figures`` / ``figures_inside``: pure plotly views (animated contour, 3-D, loss, state, EWA).

The optimizers are never re-implemented: the race only feeds gradients to ``torch.optim``.
References: G. Goh, "Why Momentum Really Works", Distill 2017; Kingma & Ba, "Adam", ICLR 2015.
"""
