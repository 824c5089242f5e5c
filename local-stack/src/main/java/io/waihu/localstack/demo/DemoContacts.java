package io.waihu.localstack.demo;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated contacts across regions and zones: Chinese mobiles and fixed lines (Beijing, Shanghai, Guangzhou), and
 * numbers in Hong Kong, New York, Los Angeles, London and Sydney. A share has numbers no library would accept, and a
 * share is put on the do-not-call list. Seeded, so a run can be repeated.
 */
public final class DemoContacts {

    /** A region: how its numbers look (E.164 prefix + random digits) and how common it is, in per mille. */
    record Region(String name, String prefix, int randomDigits, String zone, int perMille) {
    }

    static final List<Region> REGIONS = List.of(
            new Region("CN mobile 138", "+86138", 8, "Asia/Shanghai", 220),
            new Region("CN mobile 139", "+86139", 8, "Asia/Shanghai", 150),
            new Region("CN mobile 186", "+86186", 8, "Asia/Shanghai", 130),
            new Region("CN mobile 159", "+86159", 8, "Asia/Shanghai", 100),
            new Region("CN mobile 177", "+86177", 8, "Asia/Shanghai", 50),
            new Region("Beijing fixed", "+86106", 7, "Asia/Shanghai", 90),
            new Region("Shanghai fixed", "+86215", 7, "Asia/Shanghai", 80),
            new Region("Guangzhou fixed", "+86203", 7, "Asia/Shanghai", 50),
            new Region("Hong Kong mobile", "+8529", 7, "Asia/Hong_Kong", 40),
            new Region("New York", "+1212", 7, "America/New_York", 30),
            new Region("Los Angeles", "+1310", 7, "America/Los_Angeles", 20),
            new Region("London", "+44207", 7, "Europe/London", 25),
            new Region("Sydney", "+6129", 7, "Australia/Sydney", 15));

    /**
     * One generated contact.
     *
     * @param number the number as a CRM might hold it; invalid ones are not E.164 numbers any library accepts
     */
    public record GeneratedContact(String externalId, String name, String number, String region, String zone,
                                   boolean invalid, boolean suppressed, String segment) {
    }

    private static final String[] SURNAMES = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
            "Smith", "Jones", "Brown", "Taylor", "Nguyen"};
    private static final String[] GIVEN = {"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Hui", "Alex", "Sam", "Jo"};
    private static final String[] INVALID = {"+86 123", "12345", "+8613", "+1 555 01", "not a number", "+86 000 0000 0000"};

    private DemoContacts() {
    }

    /** {@code count} contacts; about 2% invalid and 3% suppressed. */
    public static List<GeneratedContact> generate(String runId, int count, long seed) {
        Random random = new Random(seed);
        List<GeneratedContact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Region region = pick(random);
            String name = SURNAMES[random.nextInt(SURNAMES.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
            boolean invalid = random.nextInt(1000) < 20;
            String number = invalid ? INVALID[random.nextInt(INVALID.length)] : validNumber(random, region);
            boolean suppressed = !invalid && random.nextInt(1000) < 30;
            String segment = random.nextInt(10) < 7 ? "renewal" : "winback";
            contacts.add(new GeneratedContact(runId + "-c" + i, name, number, region.name(), region.zone(), invalid, suppressed, segment));
        }
        return contacts;
    }

    /** Random digits under the region's prefix, drawn again until libphonenumber calls the number valid. */
    private static String validNumber(Random random, Region region) {
        PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
        for (int tries = 0; tries < 1_000; tries++) {
            String candidate = region.prefix() + digits(random, region.randomDigits());
            try {
                if (numbers.isValidNumber(numbers.parse(candidate, null))) {
                    return candidate;
                }
            } catch (NumberParseException e) {
                // draw again
            }
        }
        throw new IllegalStateException("no valid number under " + region.prefix() + " in 1,000 draws");
    }

    private static Region pick(Random random) {
        int roll = random.nextInt(1000);
        for (Region region : REGIONS) {
            roll -= region.perMille();
            if (roll < 0) {
                return region;
            }
        }
        return REGIONS.get(0);
    }

    private static String digits(Random random, int n) {
        StringBuilder digits = new StringBuilder(n);
        // a leading 2–9 keeps North American and other numbers inside their valid ranges
        digits.append(2 + random.nextInt(8));
        for (int i = 1; i < n; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    /** The contacts as the import CSV campaign-service reads (see docs/contacts.md). */
    public static String csv(List<GeneratedContact> contacts) {
        StringBuilder csv = new StringBuilder(
                "externalId,name,phone1,phone1Type,consentBasis,consentAt,consentSource,attr.segment,attr.region\n");
        for (GeneratedContact c : contacts) {
            csv.append(c.externalId()).append(',').append(c.name()).append(',').append(c.number().replace(",", " ")).append(',')
                    .append(c.region().contains("mobile") ? "MOBILE" : "WORK").append(",EXPRESS_CONSENT,2026-01-15T09:00:00Z,WEB_FORM,")
                    .append(c.segment()).append(',')
                    .append(c.region().replace(",", " ")).append('\n');
        }
        return csv.toString();
    }
}
