/**
 * Hotline's server, which runs inside the target JVM. Its packages form layers, and a package only uses
 * packages of the layers below it ({@code it/.../LayersTest} checks this on every build). From the bottom:
 *
 * <ol>
 *   <li>{@code support}: the agent's options, the log, writing run files; {@code auth}: the token.</li>
 *   <li>{@code channel}: helpers every connection uses, whatever its dialect: framing, authentication,
 *       requests in flight, backpressure, idle and unauthenticated timeouts.</li>
 *   <li>{@code exchange}: one request of any dialect, answered exactly once, with its output target.</li>
 *   <li>{@code guard} (the exit guard), then {@code eval} (sessions and JShell), {@code reload} (hot reload),
 *       {@code daemon} (lock, pid file, systemd); then {@code image} (snapshot and resume).</li>
 *   <li>{@code service}: the running service as the dialects see it (options, sessions, reloader, images,
 *       status, shutdown), built once by the server's start.</li>
 *   <li>{@code commands}: the slash commands, shared by line mode and the native {@code command} op.</li>
 *   <li>The dialects, thin translations of their wire format onto exchanges: {@code ops} (native),
 *       {@code line}, {@code swank}. None uses another.</li>
 *   <li>{@code pipeline}: each connection's pipeline, and the detection of its dialect.</li>
 *   <li>This package: {@link dev.hotline.server.HotlineServer}, which builds the state above and binds the
 *       port, and {@link dev.hotline.server.AgentEntry}, which the agent calls.</li>
 * </ol>
 */
package dev.hotline.server;
