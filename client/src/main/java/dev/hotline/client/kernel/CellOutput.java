package dev.hotline.client.kernel;

import java.util.Map;

/** Where a running cell's output goes: the notebook, through iopub, as it comes. */
interface CellOutput {
    /** Text the cell printed; {@code name} is {@code stdout} or {@code stderr}. */
    void stream(String name, String text);

    /** A result to show: MIME type to data, {@code text/plain} always among them. */
    void show(Map<String, String> bundle);
}
