package io.waihu.events.crm;

import io.waihu.events.Require;

/**
 * One of a contact's numbers.
 *
 * @param number E.164 number, e.g. +8613800138000.
 * @param type Kind of line.
 */
public record Phone(
        String number,
        PhoneType type) {

    public Phone {
        Require.e164(number, "number");
        Require.present(type, "type");
    }
}
