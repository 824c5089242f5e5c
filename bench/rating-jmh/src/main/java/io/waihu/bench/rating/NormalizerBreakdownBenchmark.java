package io.waihu.bench.rating;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.waihu.billing.domain.rating.CallUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The steps of {@code NumberNormalizer.normalize} taken one at a time, with the same libphonenumber calls and the
 * same numbers as {@link RatingBenchmark}: parse (+ isPossibleNumber), E.164 formatting, the number type and the
 * range carrier. Tells which of them a faster normaliser would have to avoid; it changes nothing in billing-service.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class NormalizerBreakdownBenchmark {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToCarrierMapper CARRIERS = PhoneNumberToCarrierMapper.getInstance();
    private static final int MASK = RatingBenchmark.CALLS - 1;

    private String[] numbers;
    private PhoneNumber[] parsed;

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            return next++ & MASK;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws NumberParseException {
        CallUsage[] calls = new RatingWorkload().calls(RatingBenchmark.CALLS);
        numbers = new String[calls.length];
        parsed = new PhoneNumber[calls.length];
        for (int i = 0; i < calls.length; i++) {
            numbers[i] = calls[i].number();
            parsed[i] = PHONES.parse(numbers[i], "CN");
            CARRIERS.getNameForNumber(parsed[i], Locale.ENGLISH); // loads the carrier files once
        }
    }

    /** PhoneNumberUtil.parse and isPossibleNumber: what reading the dialled text needs. */
    @Benchmark
    public boolean parseAndCheck(Cursor cursor) throws NumberParseException {
        return PHONES.isPossibleNumber(PHONES.parse(numbers[cursor.advance()], "CN"));
    }

    /** E.164 formatting of an already parsed number. */
    @Benchmark
    public String formatE164(Cursor cursor) {
        return PHONES.format(parsed[cursor.advance()], PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /** getNumberType of an already parsed number (matches it against each type's pattern of its region). */
    @Benchmark
    public PhoneNumberUtil.PhoneNumberType numberType(Cursor cursor) {
        return PHONES.getNumberType(parsed[cursor.advance()]);
    }

    /** The range carrier of an already parsed number (PhoneNumberToCarrierMapper, English names). */
    @Benchmark
    public String rangeCarrier(Cursor cursor) {
        return CARRIERS.getNameForNumber(parsed[cursor.advance()], Locale.ENGLISH);
    }
}
