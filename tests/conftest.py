import os

os.environ.setdefault("FAZHI_ENV", "test")
