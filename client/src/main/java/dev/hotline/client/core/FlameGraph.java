package dev.hotline.client.core;

import dev.hotline.protocol.Html;
import dev.hotline.protocol.JsonStrings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flame graph as one self-contained HTML page (no network fetch): the folded stacks become a tree of frames,
 * drawn root first as rows of boxes as wide as their share; a click zooms into a frame, the search box marks the
 * frames whose name contains its text.
 */
public final class FlameGraph {
    private FlameGraph() {
    }

    /** One frame of the tree: its method, its weight, and the frames it called. */
    private static final class Frame {
        final String name;
        long weight;
        final Map<String, Frame> children = new LinkedHashMap<>();

        Frame(String name) {
            this.name = name;
        }

        void add(String[] stack, int depth, long w) {
            weight += w;
            if (depth < stack.length) {
                children.computeIfAbsent(stack[depth], Frame::new).add(stack, depth + 1, w);
            }
        }

        void json(StringBuilder out) {
            out.append("{\"n\":");
            JsonStrings.append(name, out);
            out.append(",\"v\":").append(weight).append(",\"c\":[");
            List<Frame> heaviest = new ArrayList<>(children.values());
            heaviest.sort((a, b) -> Long.compare(b.weight, a.weight));
            for (int i = 0; i < heaviest.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                heaviest.get(i).json(out);
            }
            out.append("]}");
        }
    }

    /** @param folded each stack, root first, frames joined by {@code ;}, with its weight */
    public static String html(String title, List<Map.Entry<String, Long>> folded, String unit) {
        Frame all = new Frame("all");
        folded.forEach(e -> all.add(e.getKey().split(";"), 0, e.getValue()));
        StringBuilder data = new StringBuilder();
        all.json(data);
        return PAGE.replace("TITLE", Html.escape(title)).replace("UNIT", Html.escape(unit))
                .replace("DATA", data.toString().replace("</", "<\\/"));
    }

    /** A profile's {@code :folded} lines ({@code "root;...;leaf WEIGHT"}) as stacks and their weights. */
    public static List<Map.Entry<String, Long>> folded(List<String> lines) {
        List<Map.Entry<String, Long>> folded = new ArrayList<>();
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            folded.add(Map.entry(line.substring(0, space), Long.parseLong(line.substring(space + 1))));
        }
        return folded;
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>TITLE</title><style>
            body { font: 12px sans-serif; margin: 8px; }
            #graph { position: relative; width: 100%; }
            .frame { position: absolute; height: 16px; line-height: 16px; overflow: hidden; white-space: nowrap;
                     box-sizing: border-box; border: 1px solid #fff; padding-left: 2px; cursor: pointer; }
            .frame.hit { background: #d0f !important; color: #fff; }
            </style></head><body>
            <h1>TITLE</h1>
            <p><input id="search" placeholder="search frames"> <button id="reset">reset zoom</button>
               click a frame to zoom into it; widths are shares of UNIT</p>
            <div id="graph"></div>
            <script>
            const data = DATA;
            const graph = document.getElementById('graph');
            let root = data;
            function hue(name) {
              let h = 0;
              for (const ch of name.split('.').slice(0, -1).join('.')) h = (h * 31 + ch.charCodeAt(0)) % 360;
              return h;
            }
            function draw() {
              graph.textContent = '';
              const query = document.getElementById('search').value;
              let depth = 0;
              (function place(node, x, width, level) {
                if (width < 0.001) return;
                const box = document.createElement('div');
                box.className = 'frame' + (query && node.n.includes(query) ? ' hit' : '');
                box.style.left = (x * 100) + '%';
                box.style.width = (width * 100) + '%';
                box.style.top = (level * 17) + 'px';
                box.style.background = 'hsl(' + hue(node.n) + ', 70%, 65%)';
                box.textContent = node.n;
                box.title = node.n + ': ' + node.v + ' UNIT, ' + (100 * node.v / data.v).toFixed(1) + '%';
                box.onclick = () => { root = node; draw(); };
                graph.appendChild(box);
                depth = Math.max(depth, level + 1);
                let at = x;
                for (const child of node.c) {
                  const w = width * child.v / node.v;
                  place(child, at, w, level + 1);
                  at += w;
                }
              })(root, 0, 1, 0);
              graph.style.height = (depth * 17) + 'px';
            }
            document.getElementById('search').oninput = draw;
            document.getElementById('reset').onclick = () => { root = data; draw(); };
            draw();
            </script></body></html>
            """;
}
