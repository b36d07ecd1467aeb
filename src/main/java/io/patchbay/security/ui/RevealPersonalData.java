package io.patchbay.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.patchbay.security.PersonalDataAccess;

/**
 * "Show personal data", for the tenant's own admins only (hidden for everyone else): recorded in the audit trail, then
 * the page shows the values it masked. Once pressed it stays pressed for the page.
 */
@org.springframework.modulith.NamedInterface("reveal-personal-data")
public class RevealPersonalData extends Button {

    private boolean revealed;

    /**
     * @param objectType and {@code objectId}: what is revealed, as the audit trail names it
     * @param onRevealed shows the values
     */
    public RevealPersonalData(
            PersonalDataAccess access, String objectType, String objectId, String what, Runnable onRevealed) {
        super("Show personal data", VaadinIcon.EYE.create());
        addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        addClassName("reveal-personal-data");
        setTooltipText("Emails, phone numbers and other personal fields are masked; showing them is recorded");
        setVisible(access.mayReveal());
        addClickListener(e -> {
            access.reveal(objectType, objectId, what);
            revealed = true;
            setEnabled(false);
            setText("Personal data shown (recorded)");
            onRevealed.run();
        });
    }

    public boolean revealed() {
        return revealed;
    }
}
