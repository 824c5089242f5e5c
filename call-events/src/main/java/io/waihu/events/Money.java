package io.waihu.events;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact amount in one ISO-4217 currency. On the wire the amount is a JSON string
 * ({@code {"amount":"12.3400","currency":"CNY"}}) so no reader can turn it into a double;
 * a JSON number is accepted on read. The scale is kept as sent.
 */
public record Money(@JsonSerialize(using = DecimalString.class) BigDecimal amount, String currency) {

    public Money {
        Require.present(amount, "amount");
        Require.currency(currency, "currency");
    }

    public static Money of(String amount, String currency) {
        Require.present(amount, "amount");
        BigDecimal exact;
        try {
            exact = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw new InvalidEventException("amount", "not a decimal number: '" + amount + "'");
        }
        return new Money(exact, currency);
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount, currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /** Same currency and numerically equal, ignoring scale (12.30 equals 12.3); {@code equals} compares scale too. */
    public boolean sameValueAs(Money other) {
        return other != null && currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    public int signum() {
        return amount.signum();
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
