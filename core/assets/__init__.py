"""The asset registry: what each model or data file is, where it comes from, and its checksum."""
from core.assets.registry import ASSETS, Asset, asset
from core.assets.resolve import Status, is_installed, resolve, statuses

__all__ = ["ASSETS", "Asset", "Status", "asset", "is_installed", "resolve", "statuses"]
