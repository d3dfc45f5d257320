"""The domain apps' AppConfigs are the ones Django loads (apps.py imports DomainAppConfig too, so each app's
config must say it is the default), and domain_apps() finds them."""

from fazhi.core.contract import DomainAppConfig, domain_apps


def test_domain_apps_are_loaded_with_their_own_config():
    labels = [cfg.label for cfg in domain_apps()]
    assert "reconsideration" in labels and "litigation" in labels
    assert all(isinstance(cfg, DomainAppConfig) for cfg in domain_apps())
    # an area of its own, or (统计填报, whose figures count in every area) a menu group of its own instead
    assert all(cfg.area or (not cfg.menu and cfg.menu_groups) for cfg in domain_apps())
