/**
 * The {@code hotline} command. Its packages form layers, and a package only uses the layers below it (the
 * end-to-end module's {@code LayersTest} checks this). From the bottom:
 *
 * <ol>
 *   <li>{@code core}: the exit codes, the failure every command may end with, the console, and how replies
 *       print for people and as JSON;</li>
 *   <li>{@code connection}: which service a command talks to ({@code Target}) and the blocking native
 *       connection to it;</li>
 *   <li>{@code repl}: the JLine REPL; {@code service}: a service's config, its state in the run directory, and
 *       starting and stopping it;</li>
 *   <li>{@code commands}: one picocli class per subcommand, and the options they share;</li>
 *   <li>this package: {@link dev.hotline.client.Hotline}, the command line's root.</li>
 * </ol>
 */
package dev.hotline.client;
