package dev.nsoha.sim.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The interactive CLI on an SSH shell channel: a login banner, the prompt, a small line editor
 * (echo, backspace, Ctrl-U, Ctrl-C, Ctrl-D; arrow keys ignored) when the client asked for a PTY,
 * plain line input otherwise.
 */
final class CliShell extends AbstractCliCommand {

    private Reader reader;
    private Writer writer;
    private boolean lastWasCr;

    CliShell(CliBackend backend, CliStyle style, Prompts prompts) {
        super(backend, style, prompts);
    }

    @Override
    protected int runSession() {
        reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer = pty ? new CrlfWriter(w) : w;
        CliOutput o = new CliOutput(writer);
        CliSession session = new CliSession(backend, user, style, prompts);
        o.line("");
        o.line(user + " connected from " + remote + " using ssh on " + backend.hostName());
        try {
            while (true) {
                o.print(session.prompt());
                o.flush();
                String line = readLine();
                if (line == null) {
                    return 0;
                }
                if (session.execute(line, o, this::readLine) == CliSession.Status.EXIT) {
                    return 0;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Reads one line; null at end of input (or Ctrl-D on an empty line). */
    String readLine() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = reader.read();
            if (c < 0) {
                return b.length() > 0 ? b.toString() : null;
            }
            if (c == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = c == '\r';
            if (c == '\r' || c == '\n') {
                echo("\n");
                return b.toString();
            }
            if (!pty) {
                b.append((char) c);
                continue;
            }
            switch (c) {
                case 0x7f:
                case 0x08:
                    if (b.length() > 0) {
                        b.setLength(b.length() - 1);
                        echo("\b \b");
                    }
                    break;
                case 0x15: // Ctrl-U
                    echo("\b \b".repeat(b.length()));
                    b.setLength(0);
                    break;
                case 0x03: // Ctrl-C: drop the line
                    echo("^C\n");
                    return "";
                case 0x04: // Ctrl-D
                    if (b.length() == 0) {
                        return null;
                    }
                    break;
                case 0x1b: // escape sequence: ESC [ ... final byte
                    int n = reader.read();
                    if (n == '[' || n == 'O') {
                        int f;
                        do {
                            f = reader.read();
                        } while (f >= 0 && !(f >= '@' && f <= '~'));
                    }
                    break;
                case '\t':
                    break;
                default:
                    if (c >= 0x20) {
                        b.append((char) c);
                        echo(String.valueOf((char) c));
                    }
            }
        }
    }

    private void echo(String s) throws IOException {
        if (pty) {
            writer.write(s);
            writer.flush();
        }
    }
}
