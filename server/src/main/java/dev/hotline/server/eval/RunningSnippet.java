package dev.hotline.server.eval;

import java.util.List;

/**
 * Where an evaluation is at a moment: the thread running its snippet and that thread's stack, innermost frame
 * first, down to the snippet's own frame (JShell's and Hotline's frames beneath it are left out).
 */
public record RunningSnippet(String thread, List<String> frames) {
    public RunningSnippet {
        frames = List.copyOf(frames);
    }
}
