package io.waihu.campaign.domain;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time from a stream: quoted cells may hold commas, doubled quotes and line breaks.
 * Keeps only the current record in memory, so an upload of any size is read in constant space.
 */
public final class ImportCsvReader {

    /** One record and the physical line it starts on (1-based; the header is line 1). */
    public record CsvRecord(long line, List<String> cells) {
    }

    /** A record whose quoting is broken; the reader has skipped to the next line. */
    public static final class MalformedCsvException extends RuntimeException {
        private final long line;

        MalformedCsvException(long line, String message) {
            super(message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    private static final int MAX_CELL = 64 * 1024;

    private final Reader in;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private long line = 1;
    private boolean eof;

    public ImportCsvReader(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end. Blank lines are skipped. */
    public CsvRecord next() throws IOException {
        while (true) {
            int c = peek();
            if (c < 0) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                consumeLineBreak();
                continue;
            }
            return readRecord();
        }
    }

    private CsvRecord readRecord() throws IOException {
        long start = line;
        List<String> cells = new ArrayList<>(16);
        StringBuilder cell = new StringBuilder(32);
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            int c = read();
            if (c < 0) {
                if (quoted) {
                    throw new MalformedCsvException(start, "a quoted cell is not closed before the end of the file");
                }
                cells.add(cell.toString());
                return new CsvRecord(start, cells);
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        cell.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append((char) c);
                }
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                cells.add(cell.toString());
                return new CsvRecord(start, cells);
            } else if (c == '"' && cell.isEmpty() && !afterQuote) {
                quoted = true;
            } else if (afterQuote) {
                skipRestOfLine();
                throw new MalformedCsvException(start, "text after a closing quote in column " + (cells.size() + 1));
            } else {
                cell.append((char) c);
            }
            if (cell.length() > MAX_CELL) {
                skipRestOfLine();
                throw new MalformedCsvException(start, "a cell is longer than " + MAX_CELL + " characters");
            }
        }
    }

    private void skipRestOfLine() throws IOException {
        int c;
        while ((c = read()) >= 0 && c != '\n') {
            // discard
        }
        line++;
    }

    private void consumeLineBreak() throws IOException {
        int c = read();
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }
}
