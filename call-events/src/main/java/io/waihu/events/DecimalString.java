package io.waihu.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a BigDecimal as a plain JSON string ("1000", never "1E+3"), whatever mapper or feature set
 * serializes it, so amounts stay exact and match the schemas' decimal pattern.
 */
public final class DecimalString extends StdSerializer<BigDecimal> {

    public DecimalString() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.toPlainString());
    }
}
