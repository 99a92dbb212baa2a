"""Runs a notebook against a Hotline kernel with nbclient, headless, and saves it with its outputs.

Usage: notebook.py KERNEL_NAME OUTPUT.ipynb (kernelspecs through JUPYTER_PATH). Errors are recorded in the
notebook (allow_errors), as a notebook user would see them; the Java test reads the saved notebook.
"""
import sys

import nbformat
from nbclient import NotebookClient

kernel_name, output = sys.argv[1], sys.argv[2]
cells = [
    "import dev.hotline.samples.greeter.*;",
    "Greeter.template",
    'Greeter.template = "Howdy, %s!"',
    'for (int i = 1; i <= 3; i++) { System.out.println("line " + i); }',
    'throw new IllegalStateException("the notebook records this")',
    'record Order(String customer, int quantity, double price) {}\n'
    'java.util.List.of(new Order("ada", 3, 9.5), new Order("bob", 1, 20.0), new Order("cy", 7, 1.25))',
    'var sales = new java.util.LinkedHashMap<String, Integer>();\n'
    'sales.put("north", 120); sales.put("south", 80); sales.put("east", 45);\n'
    'sales',
    'Display.markdown("**greeter** is *live*")',
    "%probes",
]
notebook = nbformat.v4.new_notebook()
notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
notebook.metadata["kernelspec"] = {"name": kernel_name, "display_name": kernel_name, "language": "java"}
NotebookClient(notebook, kernel_name=kernel_name, timeout=120, allow_errors=True, startup_timeout=60).execute()
nbformat.write(notebook, output)
