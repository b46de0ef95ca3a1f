"""The command line starts without the notebook machinery: nbformat (whose schema validation takes seconds to
import) is imported by the notebooks command only, when it runs."""

import subprocess
import sys


def test_the_command_line_does_not_import_the_notebook_machinery():
    code = "import sys, textlab.cli; print(sorted({'nbformat', 'nbclient', 'papermill'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
