def load(ctx):
    return ""
