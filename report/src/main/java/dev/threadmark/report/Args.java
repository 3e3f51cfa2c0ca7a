package dev.threadmark.report;

/** Option values for the command-line mains, with errors that say which option is wrong. */
final class Args {
    private Args() {}

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static double number(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, got '" + v + "'");
        }
    }

    static int whole(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + v + "'");
        }
    }
}
