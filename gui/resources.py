"""Where the files of resources/ are: beside the code in a checkout, under share/ once installed."""
import os
import sys

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def resource(*parts):
    """A file of resources/: beside the code in a checkout, under share/ in an installed copy."""
    for root in (os.path.join(CHECKOUT, "resources"), os.path.join(sys.prefix, "share", "backprop-studio")):
        path = os.path.join(root, *parts)
        if os.path.exists(path):
            return path
    return os.path.join(CHECKOUT, "resources", *parts)
