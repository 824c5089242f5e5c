package io.waihu.localstack;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The options of one subcommand: {@code --name value}, {@code --name=value} and bare {@code --flag}s. */
final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Args() {
    }

    /**
     * @param valueOptions options that take a value, without the dashes
     * @param flagOptions  options that take none
     */
    static Args parse(String command, List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        Args parsed = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw StackException.usage("unexpected argument '" + arg + "' for '" + command + "' (see ./waihu help)");
            }
            String name = arg.substring(2);
            String inlineValue = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inlineValue = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagOptions.contains(name) && inlineValue == null) {
                parsed.flags.add(name);
            } else if (valueOptions.contains(name)) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw StackException.usage("--" + name + " needs a value (see ./waihu help)");
                    }
                    value = args.get(++i);
                }
                if (value.isBlank()) {
                    throw StackException.usage("--" + name + " needs a value (see ./waihu help)");
                }
                parsed.values.put(name, value);
            } else {
                throw StackException.usage("unknown option --" + name + " for '" + command + "' (see ./waihu help)");
            }
        }
        return parsed;
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        return value(name).orElseThrow(() -> StackException.usage("--" + name + " is required (see ./waihu help)"));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
