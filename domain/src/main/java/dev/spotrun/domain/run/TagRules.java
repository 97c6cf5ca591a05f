package dev.spotrun.domain.run;

import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** EC2's rules for tags, which the machine, its volumes and its security group all carry. */
final class TagRules {

    /** EC2 allows 50 tags per resource (not counting those starting with aws:). */
    static final int EC2_MAX_TAGS = 50;
    /**
     * The tags spotrun sets itself: spotrun:run-id, spotrun:owner, spotrun:expires-at, spotrun:attempt, and one
     * kept for spotrun:created-at.
     */
    static final int SPOTRUN_TAGS = 5;
    /** What is left for the user's own. */
    static final int MAX_USER_TAGS = EC2_MAX_TAGS - SPOTRUN_TAGS;
    /** EC2: a key is at most 128 Unicode characters. */
    static final int MAX_KEY_CHARS = 128;
    /** EC2: a value is at most 256 Unicode characters; the owner is one (spotrun:owner). */
    static final int MAX_VALUE_CHARS = 256;

    private TagRules() {
    }

    static void check(Map<String, String> tags, String owner, List<Problem> problems) {
        if (tags.size() > MAX_USER_TAGS) {
            problems.add(new Problem(SpecField.TAGS, "", tags.size() + " tags given; EC2 allows " + EC2_MAX_TAGS
                    + " per resource and spotrun sets " + SPOTRUN_TAGS + " of its own, so give at most "
                    + MAX_USER_TAGS));
        }
        tags.forEach((key, value) -> checkTag(key, value, problems));
        if (chars(owner) > MAX_VALUE_CHARS) {
            problems.add(new Problem(SpecField.OWNER, owner, "the owner is " + chars(owner) + " characters long; it is"
                    + " a tag value, and EC2 takes at most " + MAX_VALUE_CHARS));
        }
    }

    private static void checkTag(String key, String value, List<Problem> problems) {
        String shown = key + "=" + value;
        if (key.isBlank()) {
            problems.add(new Problem(SpecField.TAGS, shown, "a tag key is empty; use KEY=VALUE"));
        } else if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            problems.add(new Problem(SpecField.TAGS, shown, "keys starting with 'aws:' are reserved by AWS;"
                    + " choose another key"));
        } else if (key.startsWith("spotrun:")) {
            problems.add(new Problem(SpecField.TAGS, shown, "keys starting with 'spotrun:' are reserved for"
                    + " spotrun's own tags; choose another key"));
        }
        if (chars(key) > MAX_KEY_CHARS) {
            problems.add(new Problem(SpecField.TAGS, shown, "the key is " + chars(key) + " characters long; EC2"
                    + " takes at most " + MAX_KEY_CHARS));
        }
        if (chars(value) > MAX_VALUE_CHARS) {
            problems.add(new Problem(SpecField.TAGS, shown, "the value is " + chars(value) + " characters long; EC2"
                    + " takes at most " + MAX_VALUE_CHARS));
        }
    }

    /** EC2 counts Unicode characters, not UTF-16 units. */
    private static int chars(String text) {
        return text.codePointCount(0, text.length());
    }
}
