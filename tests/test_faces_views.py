"""The faces page's pure parts: the face map's true distances, the first triplet."""
import pytest
import torch
import torch.nn.functional as F

from core.faces.facemap import default_triplet, face_map
from core.faces.geometry import pca_2d


def test_the_map_draws_true_distances_not_projected_ones() -> None:
    embeddings = F.normalize(torch.randn(5, 128, generator=torch.Generator().manual_seed(0)), dim=1)
    probe = F.normalize(torch.randn(128, generator=torch.Generator().manual_seed(1)), dim=0)
    layout = face_map(embeddings, probe)
    assert len(layout.points) == 6 and len(layout.distances) == 5
    assert layout.distances == pytest.approx([float(torch.dist(e, probe)) for e in embeddings], abs=1e-5)
    expected = pca_2d(torch.cat([embeddings, probe[None]]))
    assert torch.allclose(torch.tensor(layout.points), expected.points, atol=1e-5)
    projected = [((x - layout.points[-1][0]) ** 2 + (y - layout.points[-1][1]) ** 2) ** 0.5 for x, y in layout.points[:-1]]
    assert all(p <= d + 1e-5 for p, d in zip(projected, layout.distances)), "a projection only shrinks distances"
    assert face_map(embeddings).distances == []


def test_the_first_triplet_takes_a_same_and_an_other_person_when_there_are() -> None:
    assert default_triplet(["Obama", "Biden", "Obama", "Obama"]) == (0, 2, 1)
    assert default_triplet(["Obama", "Obama"]) == (0, 1, 1), "no one else: the labels do not fit (the page says so)"
    assert default_triplet(["Obama", "Biden"]) == (0, 1, 1)
    with pytest.raises(ValueError):
        default_triplet(["Obama"])
