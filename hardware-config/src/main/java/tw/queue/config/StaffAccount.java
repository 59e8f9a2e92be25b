package tw.queue.config;

/**
 * A person who signs in. The password is stored only as a slow hash in the form
 * {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}.
 */
public record StaffAccount(String username, StaffRole role, String passwordHash) {

    public enum StaffRole { CLERK, VOLUNTEER, MANAGER }
}
