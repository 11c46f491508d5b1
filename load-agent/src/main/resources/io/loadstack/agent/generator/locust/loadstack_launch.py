"""The locustfile a Loadstack agent gives Locust: Loadstack's plugin first, then the plan's own locustfile
(LOADSTACK_LOCUSTFILE), whose user classes and shape Locust finds here.

Why a wrapper and not ``-f plan.py,loadstack_locust.py``: Locust 2.12 refuses every file whose name ends
in ``locust.py`` in a list, and a plan that imports the plugin itself would run it twice. A locustfile
that cannot be imported is reported as ``LOADSTACK FAILED <file> line <n>: <error>``.
"""
import importlib.util
import os
import sys
import traceback

import loadstack_locust  # noqa: F401  the --loadstack-* options, the reporting, the agent's protocol

_PATH = os.path.abspath(os.environ["LOADSTACK_LOCUSTFILE"])


def _failure(error):
    name = os.path.basename(_PATH)
    if isinstance(error, SyntaxError) and error.filename:
        where = "%s line %s" % (os.path.basename(error.filename), error.lineno)
        return "%s: %s: %s" % (where, type(error).__name__, error.msg)
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if os.path.dirname(os.path.abspath(frame.filename)) == os.path.dirname(_PATH)]
    where = "%s line %s" % (os.path.basename(frames[-1].filename), frames[-1].lineno) if frames else name
    return "%s: %s: %s" % (where, type(error).__name__, error)


_spec = importlib.util.spec_from_file_location("loadstack_plan_locustfile", _PATH)
_module = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _module
try:
    _spec.loader.exec_module(_module)
except Exception as _error:  # SyntaxError, ImportError, whatever the locustfile raises as it is imported
    traceback.print_exc()
    sys.stdout.write("LOADSTACK FAILED " + " ".join(_failure(_error).split()) + "\n")
    sys.stdout.flush()
    sys.exit(1)

globals().update({_name: _value for _name, _value in vars(_module).items() if not _name.startswith("__")})
