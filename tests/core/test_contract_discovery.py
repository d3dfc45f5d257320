"""The domain apps' AppConfigs are the ones Django loads (apps.py imports DomainAppConfig too, so each app's
config must say it is the default), and domain_apps() finds them."""

from fazhi.core.contract import DomainAppConfig, domain_apps


def test_domain_apps_are_loaded_with_their_own_config():
    labels = [cfg.label for cfg in domain_apps()]
    assert "reconsideration" in labels and "litigation" in labels
    assert all(isinstance(cfg, DomainAppConfig) and cfg.area for cfg in domain_apps())
