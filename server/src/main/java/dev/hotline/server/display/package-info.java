/**
 * Rich display: an evaluated value as the MIME bundle a notebook shows (an HTML table, an SVG chart, an image),
 * for {@code eval :display t}. Used by the ops; uses only the support layer.
 */
package dev.hotline.server.display;
