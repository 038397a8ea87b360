<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AccessibilityPanel</name>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="25"/>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="94"/>
        <source>Easier to read</source>
        <translation>Lecture facile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="27"/>
        <source>Accessibility: larger text, high contrast, read aloud</source>
        <translation>Accessibilité : texte plus grand, contraste élevé, lecture à voix haute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="95"/>
        <source>Larger text</source>
        <translation>Texte plus grand</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="96"/>
        <source>High contrast</source>
        <translation>Contraste élevé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="97"/>
        <source>Read this screen aloud</source>
        <translation>Lire cet écran à voix haute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="98"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>AdvisorScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="71"/>
        <source>%n day(s) past their usual visit</source>
        <translation>
            <numerusform>%n jour après sa visite habituelle</numerusform>
            <numerusform>%n jours après sa visite habituelle</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="72"/>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="74"/>
        <source>last visit %1</source>
        <translation>dernière visite le %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="80"/>
        <source>No one today.</source>
        <translation>Personne aujourd&apos;hui.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="81"/>
        <source>No new clients this week.</source>
        <translation>Aucun nouveau client cette semaine.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="82"/>
        <source>Nothing back in stock for your clients today.</source>
        <translation>Rien n’est revenu en stock pour vos clients aujourd’hui.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="88"/>
        <source>Head office is not set up or out of reach: help requests cannot be shown.</source>
        <translation>Le siège n&apos;est pas configuré ou injoignable : les demandes d&apos;aide ne peuvent pas s&apos;afficher.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="91"/>
        <source>%n shopper(s) waiting for help.</source>
        <translation>
            <numerusform>%n client attend de l&apos;aide.</numerusform>
            <numerusform>%n clients attendent de l&apos;aide.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="102"/>
        <source>Today, %1</source>
        <translation>Aujourd&apos;hui, %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="103"/>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="110"/>
        <source>This store&apos;s history ends earlier, so the list is worked out for the day after its last sale.</source>
        <translation>L&apos;historique de ce magasin s&apos;arrête plus tôt : la liste est calculée pour le lendemain de sa dernière vente.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="114"/>
        <source>Lapsing: past their usual interval</source>
        <translation>En retrait : au-delà de leur rythme habituel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="115"/>
        <source>New clients this week</source>
        <translation>Nouveaux clients cette semaine</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="116"/>
        <source>Saved, and back in stock</source>
        <translation>Mis de côté, et de retour en stock</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="117"/>
        <source>Help waiting</source>
        <translation>Demandes d&apos;aide en attente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="120"/>
        <source>Open help requests</source>
        <translation>Ouvrir les demandes d&apos;aide</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="200"/>
        <source>Scan your loyalty code</source>
        <translation>Scannez votre code de fidélité</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="201"/>
        <source>Hold your code under the scanner, or type the short code below.</source>
        <translation>Présentez votre code sous le lecteur, ou tapez le code court ci-dessous.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="203"/>
        <source>Just browsing</source>
        <translation>Je regarde seulement</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="204"/>
        <source>Join: get your own code</source>
        <translation>S’inscrire : obtenez votre code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="205"/>
        <source>Staff</source>
        <translation>Personnel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="242"/>
        <source>Getting personal picks ready… %1%</source>
        <translation>Préparation de vos suggestions personnelles… %1 %</translation>
    </message>
</context>
<context>
    <name>Book</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/book.py" line="72"/>
        <source>This customer does not share their profile with staff.</source>
        <translation>Ce client ne partage pas son profil avec le personnel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/book.py" line="75"/>
        <source>No customer has that card.</source>
        <translation>Aucun client n&apos;a cette carte.</translation>
    </message>
</context>
<context>
    <name>BookScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="128"/>
        <source>No client matches. Only clients who share their profile with staff are listed.</source>
        <translation>Aucun client ne correspond. Seuls les clients qui partagent leur profil avec le personnel sont listés.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/book.py" line="139"/>
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="144"/>
        <source>Client book</source>
        <translation>Carnet de clients</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="145"/>
        <source>Search by first name or short code</source>
        <translation>Chercher par prénom ou code court</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="146"/>
        <source>Search clients by first name or short code</source>
        <translation>Chercher des clients par prénom ou code court</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="147"/>
        <source>Scan or type a card code</source>
        <translation>Scannez ou tapez un code de carte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="148"/>
        <source>Scan or type a card code, then Enter</source>
        <translation>Scannez ou tapez un code de carte, puis Entrée</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="149"/>
        <source>This store</source>
        <translation>Ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="150"/>
        <source>My clients</source>
        <translation>Mes clients</translation>
    </message>
</context>
<context>
    <name>Card</name>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="154"/>
        <source>Why this? %1</source>
        <translation>Pourquoi ? %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="157"/>
        <source>Picture of %1</source>
        <translation>Photo de %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="158"/>
        <source>Saved</source>
        <translation>Gardé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="158"/>
        <source>Save</source>
        <translation>Garder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="159"/>
        <source>Save %1</source>
        <translation>Garder %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="161"/>
        <source>Not for me</source>
        <translation>Pas pour moi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="162"/>
        <source>Not for me: %1</source>
        <translation>Pas pour moi : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="163"/>
        <source>More like this</source>
        <translation>Plus comme ça</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="164"/>
        <source>More like %1</source>
        <translation>Plus comme %1</translation>
    </message>
</context>
<context>
    <name>ClientRow</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="178"/>
        <source>(no first name)</source>
        <translation>(sans prénom)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="180"/>
        <source>%1 · advisor %2</source>
        <translation>%1 · conseiller %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/book.py" line="186"/>
        <source>Last visit %1 · %n visit(s) · %2 spent</source>
        <translation>
            <numerusform>Dernière visite le %1 · %n visite · %2 dépensés</numerusform>
            <numerusform>Dernière visite le %1 · %n visites · %2 dépensés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Colours</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="207"/>
        <source>red</source>
        <translation>rouge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="207"/>
        <source>pink</source>
        <translation>rose</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="208"/>
        <source>orange</source>
        <translation>orange</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="208"/>
        <source>yellow</source>
        <translation>jaune</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="209"/>
        <source>green</source>
        <translation>vert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="209"/>
        <source>blue</source>
        <translation>bleu</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="210"/>
        <source>turquoise</source>
        <translation>turquoise</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="211"/>
        <source>purple</source>
        <translation>violet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="211"/>
        <source>brown</source>
        <translation>marron</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="212"/>
        <source>black</source>
        <translation>noir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="212"/>
        <source>grey</source>
        <translation>gris</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="213"/>
        <source>white</source>
        <translation>blanc</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="213"/>
        <source>ivory</source>
        <translation>ivoire</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="214"/>
        <source>cream</source>
        <translation>crème</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="214"/>
        <source>silver</source>
        <translation>argenté</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="215"/>
        <source>gold</source>
        <translation>doré</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="215"/>
        <source>copper</source>
        <translation>cuivré</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="216"/>
        <source>many colours</source>
        <translation>multicolore</translation>
    </message>
</context>
<context>
    <name>Consents</name>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="22"/>
        <source>Use what I buy to suggest things for me</source>
        <translation>Utiliser mes achats pour me faire des suggestions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="24"/>
        <source>Let staff see my picks to help me in the shop</source>
        <translation>Laisser le personnel voir mes suggestions pour m’aider en magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="26"/>
        <source>Send me offers from head office</source>
        <translation>M’envoyer les offres du siège</translation>
    </message>
</context>
<context>
    <name>Curate</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="54"/>
        <source>The recommenders are still getting ready; their picks will show here in a moment.</source>
        <translation>Les recommandations se préparent encore ; elles s&apos;afficheront ici dans un instant.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="94"/>
        <source>Picked. They will see it at their next scan.</source>
        <translation>Choisi. Le client le verra à son prochain scan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="97"/>
        <source>Pick removed.</source>
        <translation>Choix retiré.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="101"/>
        <source>Pinned first on its shelf.</source>
        <translation>Épinglé en tête de son rayon.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="102"/>
        <source>Unpinned.</source>
        <translation>Désépinglé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="106"/>
        <source>Hidden: they will not be shown it.</source>
        <translation>Masqué : il ne lui sera pas montré.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="107"/>
        <source>They can be shown it again.</source>
        <translation>Il peut de nouveau lui être montré.</translation>
    </message>
</context>
<context>
    <name>CurateScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="102"/>
        <source>No staff picks yet.</source>
        <translation>Aucun choix du personnel pour l&apos;instant.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="106"/>
        <source>Picked by %1: “%2”</source>
        <translation>Choisi par %1 : « %2 »</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="108"/>
        <source>Picked by %1</source>
        <translation>Choisi par %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="110"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="111"/>
        <source>Remove the pick %1</source>
        <translation>Retirer le choix %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="120"/>
        <source>The recommenders have nothing for this client yet.</source>
        <translation>Les recommandations n&apos;ont encore rien pour ce client.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="127"/>
        <source>pinned</source>
        <translation>épinglé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="129"/>
        <source>hidden from them</source>
        <translation>masqué pour ce client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="134"/>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="164"/>
        <source>Pick</source>
        <translation>Choisir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="135"/>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="165"/>
        <source>Pick %1</source>
        <translation>Choisir %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="137"/>
        <source>Unpin</source>
        <translation>Désépingler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="137"/>
        <source>Pin</source>
        <translation>Épingler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="139"/>
        <source>Unpin %1</source>
        <translation>Désépingler %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="139"/>
        <source>Pin %1</source>
        <translation>Épingler %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="142"/>
        <source>Show again</source>
        <translation>Remontrer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="142"/>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="144"/>
        <source>Show %1 again</source>
        <translation>Remontrer %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="144"/>
        <source>Hide %1</source>
        <translation>Masquer %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="156"/>
        <source>No product matches.</source>
        <translation>Aucun produit ne correspond.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="180"/>
        <source>Picks for %1</source>
        <translation>Sélection pour %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="186"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="186"/>
        <source>Back to the customer page</source>
        <translation>Retour à la fiche client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="188"/>
        <source>A note with the next pick, e.g. “For your daughter&apos;s party” (optional)</source>
        <translation>Un mot avec le prochain choix, p. ex. « Pour la fête de votre fille » (facultatif)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="190"/>
        <source>Note with the next pick</source>
        <translation>Mot avec le prochain choix</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="191"/>
        <source>Staff picks now</source>
        <translation>Choix du personnel actuels</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="192"/>
        <source>What the recommenders would show, and why</source>
        <translation>Ce que les recommandations montreraient, et pourquoi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="193"/>
        <source>Catalogue</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="194"/>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="195"/>
        <source>Search the catalogue</source>
        <translation>Chercher dans le catalogue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="196"/>
        <source>In stock here</source>
        <translation>En stock ici</translation>
    </message>
</context>
<context>
    <name>Customer</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/customer.py" line="20"/>
        <source>This customer no longer shares their profile with staff.</source>
        <translation>Ce client ne partage plus son profil avec le personnel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/customer.py" line="72"/>
        <source>This client</source>
        <translation>Ce client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/customer.py" line="104"/>
        <source>Sent by %1.</source>
        <translation>Envoyé par %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/customer.py" line="107"/>
        <source>No channel is set up: tell them at their next visit.</source>
        <translation>Aucun canal n&apos;est configuré : dites-le-lui à sa prochaine visite.</translation>
    </message>
</context>
<context>
    <name>CustomerScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="232"/>
        <source>This client</source>
        <extracomment>purchases listed when a page opens; &quot;Show all&quot; lists the rest items of a visit named on its row (the rest are counted)</extracomment>
        <translation>Ce client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="238"/>
        <source>Client since %1</source>
        <translation>Client depuis le %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="240"/>
        <source>Advisor: %1</source>
        <translation>Conseiller : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="241"/>
        <source>No advisor yet</source>
        <translation>Pas encore de conseiller</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="246"/>
        <source>My client ✓</source>
        <translation>Mon client ✓</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="246"/>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="247"/>
        <source>Make my client</source>
        <translation>En faire mon client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="247"/>
        <source>My client</source>
        <translation>Mon client</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="260"/>
        <source>%n visit(s), %1 spent</source>
        <translation>
            <numerusform>%n visite, %1 dépensés</numerusform>
            <numerusform>%n visites, %1 dépensés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="263"/>
        <source>First visit %1, last visit %2</source>
        <translation>Première visite le %1, dernière le %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="268"/>
        <source>Usually comes back every %n day(s)</source>
        <translation>
            <numerusform>Revient d&apos;habitude chaque jour</numerusform>
            <numerusform>Revient d&apos;habitude tous les %n jours</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="271"/>
        <source>Stores: %1</source>
        <translation>Magasins : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="277"/>
        <source>No preferences yet.</source>
        <translation>Pas encore de préférences.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="285"/>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="301"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="288"/>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="295"/>
        <source>No notes yet.</source>
        <translation>Pas encore de notes.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="297"/>
        <source>by %1, %2</source>
        <translation>par %1, le %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="300"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="302"/>
        <source>Remove this note</source>
        <translation>Retirer cette note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="311"/>
        <source>No purchases yet.</source>
        <translation>Pas encore d&apos;achats.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="319"/>
        <source>and %n more</source>
        <translation>
            <numerusform>et %n autre</numerusform>
            <numerusform>et %n autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="326"/>
        <source>Show all %n purchases</source>
        <translation>
            <numerusform>Voir l’achat (%n)</numerusform>
            <numerusform>Voir les %n achats</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="335"/>
        <source>Saved</source>
        <translation>Mis de côté</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="338"/>
        <source>Nothing saved.</source>
        <translation>Rien de mis de côté.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="344"/>
        <source>Not for me</source>
        <translation>Pas pour moi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="347"/>
        <source>Nothing turned down.</source>
        <translation>Rien d&apos;écarté.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="357"/>
        <source>The kiosk has not shown them anything lately.</source>
        <translation>La borne ne lui a rien montré récemment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="373"/>
        <source>Purchases (%1)</source>
        <translation>Achats (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="373"/>
        <source>Saved (%1)</source>
        <translation>Mis de côté (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="374"/>
        <source>Shown lately (%1)</source>
        <translation>Montré récemment (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="381"/>
        <source>Nobody yet.</source>
        <translation>Personne pour l&apos;instant.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="438"/>
        <source>Save note</source>
        <translation>Enregistrer la note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="439"/>
        <source>Add note</source>
        <translation>Ajouter la note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="448"/>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="448"/>
        <source>Back to the client book</source>
        <translation>Retour au carnet de clients</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="449"/>
        <source>Curate picks</source>
        <translation>Choisir pour ce client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="450"/>
        <source>Personal picks paused: they will see picks again when they resume.</source>
        <translation>Sélection personnelle en pause : le client reverra des suggestions quand il la relancera.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="453"/>
        <source>Spend per month</source>
        <translation>Dépenses par mois</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="454"/>
        <source>Sizes and preferences</source>
        <translation>Tailles et préférences</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="455"/>
        <source>Notes (the shopper can read them in My data)</source>
        <translation>Notes (le client peut les lire dans Mes données)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="456"/>
        <source>Write a note</source>
        <translation>Écrire une note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="457"/>
        <source>Note text</source>
        <translation>Texte de la note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="458"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="458"/>
        <source>Cancel editing the note</source>
        <translation>Annuler la modification de la note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="460"/>
        <source>Contact</source>
        <translation>Contacter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="461"/>
        <source>A message for the client</source>
        <translation>Un message pour le client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="462"/>
        <source>Message for the client</source>
        <translation>Message pour le client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="463"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="463"/>
        <source>Send the message</source>
        <translation>Envoyer le message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="464"/>
        <source>Who opened this profile</source>
        <translation>Qui a ouvert ce profil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="473"/>
        <source>Kind of preference</source>
        <translation>Type de préférence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="474"/>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="475"/>
        <source>Preference value</source>
        <translation>Valeur de la préférence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="476"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="476"/>
        <source>Add the preference</source>
        <translation>Ajouter la préférence</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="39"/>
        <source>You are not allowed to do that.</source>
        <extracomment>how often the screens&apos; customers are checked against their consent (ms)</extracomment>
        <translation>Vous n&apos;avez pas le droit de faire cela.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="41"/>
        <source>That was not accepted: %1</source>
        <translation>Refusé : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="43"/>
        <source>Not found. It may have been removed.</source>
        <translation>Introuvable. Il a peut-être été supprimé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="44"/>
        <source>Sorry, something went wrong. Please try again.</source>
        <translation>Désolé, une erreur s&apos;est produite. Veuillez réessayer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="85"/>
        <source>Sorry, the PIN could not be checked. Please try again.</source>
        <translation>Désolé, le code PIN n&apos;a pas pu être vérifié. Veuillez réessayer.</translation>
    </message>
</context>
<context>
    <name>FarewellScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/farewell.py" line="51"/>
        <source>Done. We have erased everything about you.</source>
        <translation>C’est fait. Nous avons effacé tout ce qui vous concerne.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/farewell.py" line="53"/>
        <source>Your code no longer works here. Thank you for shopping with us.</source>
        <translation>Votre code ne fonctionne plus ici. Merci de votre visite.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/farewell.py" line="55"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/help.py" line="50"/>
        <source>Need a hand?</source>
        <translation>Besoin d’aide ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/help.py" line="52"/>
        <source>Asking our staff...</source>
        <translation>Nous prévenons notre personnel...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/help.py" line="53"/>
        <source>We&apos;ll ask a member of staff to come to this kiosk.</source>
        <translation>Nous allons demander à un membre du personnel de venir à cette borne.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/help.py" line="54"/>
        <source>Ask for staff</source>
        <translation>Appeler le personnel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/help.py" line="56"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="62"/>
        <source>No one is waiting for help.</source>
        <translation>Personne n&apos;attend d&apos;aide.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="64"/>
        <source>A shopper</source>
        <translation>Un client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="65"/>
        <source>%1 at %2, asked at %3</source>
        <translation>%1 à %2, demandé à %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="70"/>
        <source>Looking at: %1</source>
        <translation>Regardait : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="71"/>
        <source>What they were looking at is not shared.</source>
        <translation>Ce que le client regardait n&apos;est pas partagé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="74"/>
        <source>Take</source>
        <translation>Je m&apos;en occupe</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="75"/>
        <source>Take: %1</source>
        <translation>Je m&apos;en occupe : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="84"/>
        <source>Help requests</source>
        <translation>Demandes d&apos;aide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="85"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="70"/>
        <source>Are you still there?</source>
        <translation>Êtes-vous toujours là ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="71"/>
        <source>To keep your details private, this kiosk will start over in %1 seconds.</source>
        <translation>Pour protéger vos données, cette borne va recommencer dans %1 secondes.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="73"/>
        <source>I&apos;m still here</source>
        <translation>Je suis toujours là</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="74"/>
        <source>Start over now</source>
        <translation>Recommencer maintenant</translation>
    </message>
</context>
<context>
    <name>JoinPresenter</name>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="18"/>
        <source>A code to scan next time, and a list of what you like that you can take home.</source>
        <translation>Un code à scanner la prochaine fois, et une liste de ce qui vous plaît à emporter chez vous.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="21"/>
        <source>Picks chosen for you from what you buy.</source>
        <translation>Des suggestions choisies pour vous d’après vos achats.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="23"/>
        <source>We won&apos;t use what you buy: you see this store&apos;s picks for everyone.</source>
        <translation>Nous n’utiliserons pas vos achats : vous verrez les suggestions du magasin pour tous.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="26"/>
        <source>Our staff can see your picks to help you in the shop.</source>
        <translation>Notre équipe peut voir vos suggestions pour vous aider en magasin.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="29"/>
        <source>Offers from our head office.</source>
        <translation>Des offres de notre siège.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="54"/>
        <source>Please use a shorter first name (40 letters at most).</source>
        <translation>Merci d’utiliser un prénom plus court (40 lettres au plus).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="71"/>
        <source>Signing up is not available at this kiosk. You can still look around as a guest.</source>
        <translation>L’inscription n’est pas possible sur cette borne. Vous pouvez tout de même découvrir nos idées en tant qu’invité.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="75"/>
        <source>We could not sign you up just now. Please ask a member of staff.</source>
        <translation>Nous n’avons pas pu vous inscrire. Merci de demander à un membre du personnel.</translation>
    </message>
</context>
<context>
    <name>JoinScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="155"/>
        <source>Before we start</source>
        <translation>Avant de commencer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="156"/>
        <source>Choose what we may do. You can change this any time in My data.</source>
        <translation>Choisissez ce que nous pouvons faire. Vous pouvez le changer à tout moment dans Mes données.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="158"/>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="163"/>
        <source>Join</source>
        <translation>S’inscrire</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="137"/>
        <source>With these answers you get:</source>
        <translation>Avec ces réponses, vous avez :</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="140"/>
        <source>What you get:</source>
        <translation>Ce que vous avez :</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="160"/>
        <source>Welcome! Here is your code</source>
        <translation>Bienvenue ! Voici votre code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="164"/>
        <source>Get your own code. You choose below what we may do with it. Your first name is optional; we never need your surname.</source>
        <translation>Obtenez votre code. Choisissez ci-dessous ce que nous pouvons en faire. Votre prénom est facultatif ; nous n’avons jamais besoin de votre nom.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="167"/>
        <source>Join and get my code</source>
        <translation>M’inscrire et recevoir mon code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="169"/>
        <location filename="../../kiosk/ui/screens/join.py" line="170"/>
        <source>First name (optional)</source>
        <translation>Prénom (facultatif)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="172"/>
        <source>Your profile (your first name, what you like and these answers) is kept by our head office, so your code and your profile work in all our stores.</source>
        <translation>Votre profil (votre prénom, ce que vous aimez et ces réponses) est conservé par notre siège, pour que votre code et votre profil fonctionnent dans tous nos magasins.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="177"/>
        <source>Your short code: %1</source>
        <translation>Votre code court : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="179"/>
        <source>This is your code. Take a photo of it, or type the short code next time.</source>
        <translation>Voici votre code. Prenez-le en photo, ou tapez le code court la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="181"/>
        <source>QR code of your new loyalty code</source>
        <translation>Code QR de votre nouveau code de fidélité</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="182"/>
        <source>Start shopping</source>
        <translation>Commencer mes achats</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="184"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>KeypadWidget</name>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="129"/>
        <source>Keypad for the code printed on your card</source>
        <translation>Clavier pour le code imprimé sur votre carte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="134"/>
        <source>Type %1</source>
        <translation>Taper %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="135"/>
        <source>Delete</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="136"/>
        <source>Delete the last character</source>
        <translation>Effacer le dernier caractère</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="137"/>
        <source>Clear</source>
        <translation>Vider</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="138"/>
        <source>Clear the code</source>
        <translation>Vider le code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="170"/>
        <source>Check the code and try again: one of the characters does not match the card.</source>
        <translation>Vérifiez le code et réessayez : un des caractères ne correspond pas à la carte.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/scanning/keypad.py" line="205"/>
        <source>Please wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Veuillez patienter %n seconde, puis réessayez.</numerusform>
            <numerusform>Veuillez patienter %n secondes, puis réessayez.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/scanning/keypad.py" line="207"/>
        <source>Wait %n s</source>
        <translation>
            <numerusform>Attendez %n s</numerusform>
            <numerusform>Attendez %n s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="210"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="139"/>
        <source>Use this code</source>
        <translation>Utiliser ce code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="131"/>
        <source>No camera handy? Type the 13 characters printed under the QR code, like this: XXXX-XXXX-XXXX-X</source>
        <translation>Pas de caméra ? Tapez les 13 caractères imprimés sous le code QR, ainsi : XXXX-XXXX-XXXX-X</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="203"/>
        <source>Code typed so far: %1</source>
        <translation>Code tapé jusqu’ici : %1</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../kiosk/ui/window.py" line="370"/>
        <source>Sorry, something went wrong. Please try again, or ask a member of staff.</source>
        <translation>Désolé, un problème est survenu. Réessayez ou demandez à un membre du personnel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="410"/>
        <location filename="../../kiosk/ui/app.py" line="109"/>
        <source>Personal Shopper</source>
        <translation>Conseiller personnel</translation>
    </message>
</context>
<context>
    <name>MyDataPresenter</name>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="75"/>
        <source>That did not work. Nothing was changed. Please try again.</source>
        <translation>Cela n’a pas fonctionné. Rien n’a été modifié. Merci de réessayer.</translation>
    </message>
</context>
<context>
    <name>MyDataScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="242"/>
        <source>My data</source>
        <translation>Mes données</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="243"/>
        <source>Back to my picks</source>
        <translation>Retour à mes suggestions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="244"/>
        <source>What we know, and why</source>
        <translation>Ce que nous savons, et pourquoi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="247"/>
        <source>What I like</source>
        <translation>Ce que j’aime</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="248"/>
        <source>Themes</source>
        <translation>Thèmes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="251"/>
        <source>Colours</source>
        <translation>Couleurs</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="254"/>
        <source>My budget for one item</source>
        <translation>Mon budget par article</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="258"/>
        <source>Any price</source>
        <translation>Tous les prix</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="263"/>
        <source>What you allow</source>
        <translation>Ce que vous autorisez</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="266"/>
        <source>Pause my personal picks for now</source>
        <translation>Mettre mes suggestions personnelles en pause</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="267"/>
        <source>Forget me</source>
        <translation>M’oublier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="268"/>
        <source>Erase everything about me</source>
        <translation>Effacer toutes mes données</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="269"/>
        <source>This deletes your purchases, likes and list from this store for good, and asks head office to do the same. Your code will stop working.</source>
        <translation>Cela supprime définitivement vos achats, vos goûts et votre liste dans ce magasin, et demande au siège d’en faire autant. Votre code ne fonctionnera plus.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="272"/>
        <source>Yes, erase everything</source>
        <translation>Oui, tout effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="273"/>
        <source>No, keep my data</source>
        <translation>Non, garder mes données</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="317"/>
        <source>A note from our staff (%1): %2</source>
        <translation>Une note de notre équipe (%1) : %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="322"/>
        <source>No member of staff has looked at your profile.</source>
        <translation>Aucun membre de notre équipe n’a consulté votre profil.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="327"/>
        <source>Staff looked at your profile %1 time(s), lately: %2</source>
        <translation>Notre équipe a consulté votre profil %1 fois, dernièrement : %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="337"/>
        <source>Your first name: %1</source>
        <translation>Votre prénom : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="344"/>
        <source>Purchases we use for your picks: %1</source>
        <translation>Achats utilisés pour vos suggestions : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="354"/>
        <source>Most recently: %1</source>
        <translation>Derniers achats : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="361"/>
        <source>What you told us you like: %1</source>
        <translation>Ce que vous nous avez dit aimer : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="363"/>
        <source>Your reactions to picks: %1</source>
        <translation>Vos réactions aux suggestions : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="364"/>
        <source>Saved items: %1</source>
        <translation>Articles enregistrés : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="365"/>
        <source>Items you said are not for you: %1</source>
        <translation>Articles qui ne sont pas pour vous : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="375"/>
        <source>We use these only to suggest things you may like, in any of our stores: your profile is kept by our head office. You can change or erase them here at any time.</source>
        <translation>Nous les utilisons uniquement pour vous suggérer des articles qui pourraient vous plaire, dans tous nos magasins : votre profil est conservé par notre siège. Vous pouvez les modifier ou les effacer ici à tout moment.</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="59"/>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="60"/>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="61"/>
        <source>Help (%1)</source>
        <translation>Aide (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="62"/>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="66"/>
        <source>%1, manager</source>
        <translation>%1, responsable</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="69"/>
        <source>Signed in: %1</source>
        <translation>Connecté : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="70"/>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="188"/>
        <source>CAPS</source>
        <extracomment>the letter rows of each language&apos;s usual keyboard</extracomment>
        <translation>MAJ</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="188"/>
        <source>Capital letters (on)</source>
        <translation>Majuscules (activées)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="190"/>
        <source>Capital letter</source>
        <translation>Majuscule</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="191"/>
        <source>Accented letters</source>
        <translation>Lettres accentuées</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="192"/>
        <source>space</source>
        <translation>espace</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="192"/>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="193"/>
        <source>Delete the last letter</source>
        <translation>Effacer la dernière lettre</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="194"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>OutOfOrderScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="70"/>
        <source>This kiosk is out of order.</source>
        <translation>Cette borne est hors service.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="71"/>
        <source>Please ask a member of staff.</source>
        <translation>Veuillez vous adresser à un membre du personnel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="72"/>
        <source>Staff</source>
        <translation>Personnel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="73"/>
        <source>For staff</source>
        <translation>Pour le personnel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="78"/>
        <source>The kiosk&apos;s database is damaged (%1). The kiosk stays out of order until it is restarted; nothing a shopper does can change that.</source>
        <translation>La base de données de la borne est endommagée (%1). La borne reste hors service jusqu&apos;à son redémarrage ; rien de ce que fait un client ne peut y changer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="81"/>
        <source>Stop the kiosk, then run: kiosk store check --db %1
It tells you how to restore a backup or rebuild the database from head office.</source>
        <translation>Arrêtez la borne, puis lancez : kiosk store check --db %1
La commande indique comment restaurer une sauvegarde ou reconstruire la base depuis le siège.</translation>
    </message>
</context>
<context>
    <name>PicksScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="328"/>
        <location filename="../../kiosk/ui/screens/picks.py" line="416"/>
        <source>My list (%1)</source>
        <translation>Ma liste (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="330"/>
        <source>My data</source>
        <translation>Mes données</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="331"/>
        <source>Ask for help</source>
        <translation>Demander de l’aide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="332"/>
        <source>I&apos;m done</source>
        <translation>J’ai fini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="339"/>
        <location filename="../../kiosk/ui/screens/picks.py" line="349"/>
        <source>Finding your picks…</source>
        <translation>Nous cherchons vos suggestions…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="396"/>
        <source>Nothing to suggest right now. Have a look around!</source>
        <translation>Rien à suggérer pour l’instant. Faites un tour !</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="447"/>
        <source>Your personal picks are paused, so these are this store&apos;s picks for everyone. Turn them back on in My data.</source>
        <translation>Vos suggestions personnelles sont en pause : voici les suggestions du magasin pour tous. Réactivez-les dans Mes données.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="450"/>
        <source>We don&apos;t use what you buy, as you asked, so these are this store&apos;s picks for everyone. You can change this in My data.</source>
        <translation>Comme vous l’avez demandé, nous n’utilisons pas vos achats : voici les suggestions du magasin pour tous. Vous pouvez changer cela dans Mes données.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="516"/>
        <source>More like %1</source>
        <translation>Dans l’esprit de « %1 »</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="518"/>
        <source>More like this</source>
        <translation>Plus comme ça</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="520"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="521"/>
        <source>Close: more like this</source>
        <translation>Fermer : plus comme ça</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="564"/>
        <source>Removed: %1</source>
        <translation>Retiré : %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="565"/>
        <source>Removed.</source>
        <translation>Retiré.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="566"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="567"/>
        <source>Undo: bring %1 back</source>
        <translation>Annuler : remettre %1</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="77"/>
        <location filename="../../kiosk/ui/screens/pin.py" line="78"/>
        <source>Staff PIN</source>
        <translation>Code du personnel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="79"/>
        <source>Delete a digit</source>
        <translation>Effacer un chiffre</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="80"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="81"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>PluginScreenHost</name>
    <message>
        <location filename="../../kiosk/ui/window.py" line="80"/>
        <source>This part of the kiosk is not available right now.</source>
        <translation>Cette partie de la borne n’est pas disponible pour le moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="86"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>PopularCard</name>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="89"/>
        <source>Popular here</source>
        <extracomment>how long a message about a scan stays (a &quot;please wait&quot; one: no longer than the wait)</extracomment>
        <translation>Populaire ici</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="100"/>
        <source>Picture of %1</source>
        <translation>Photo de %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="101"/>
        <source>Popular here: %1</source>
        <translation>Populaire ici : %1</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="104"/>
        <location filename="../../kiosk/ui/texts.py" line="170"/>
        <source>Suggested for you.</source>
        <translation>Suggéré pour vous.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="119"/>
        <source>You have bought this before. Time to restock?</source>
        <translation>Vous l’avez déjà acheté. Besoin d’en reprendre ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="121"/>
        <source>Goes with something you bought.</source>
        <translation>Va avec un article que vous avez acheté.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="123"/>
        <source>In season now.</source>
        <translation>De saison en ce moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="125"/>
        <source>Picked for you by our staff.</source>
        <translation>Choisi pour vous par notre équipe.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="127"/>
        <source>More like something you liked.</source>
        <translation>Dans l’esprit d’un article que vous avez aimé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="131"/>
        <source>You buy this about every {days} days; last time on {date}.</source>
        <translation>Vous l’achetez environ tous les {days} jours ; la dernière fois le {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="134"/>
        <source>You bought this on {date}. Time to restock?</source>
        <translation>Acheté le {date}. Besoin d’en reprendre ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="137"/>
        <source>Goes with the {name} you bought on {date}.</source>
        <translation>Va avec l’article « {name} » acheté le {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="141"/>
        <source>Shoppers who buy what you buy also like this.</source>
        <translation>Les clients qui achètent comme vous aiment aussi ceci.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="144"/>
        <source>You like {theme} things.</source>
        <translation>Vous aimez le thème : {theme}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="147"/>
        <source>In {colour}, a colour you like.</source>
        <translation>En {colour}, une couleur que vous aimez.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="150"/>
        <source>Like the {name} you bought.</source>
        <translation>Comme le produit « {name} » que vous avez acheté.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="152"/>
        <source>Like other things you have chosen.</source>
        <translation>Dans l’esprit de ce que vous avez choisi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="154"/>
        <source>Popular in this store over the last {days} days.</source>
        <translation>Populaire dans ce magasin ces {days} derniers jours.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="157"/>
        <source>Selling fast this week.</source>
        <translation>Se vend vite cette semaine.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="159"/>
        <source>In season: {season}.</source>
        <translation>De saison : {season}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="162"/>
        <source>Picked for you by {name}.</source>
        <translation>Choisi pour vous par {name}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="168"/>
        <source>Like the {name} you asked about.</source>
        <translation>Comme l’article « {name} » qui vous intéressait.</translation>
    </message>
</context>
<context>
    <name>SavedScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="87"/>
        <source>My list</source>
        <translation>Ma liste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="88"/>
        <source>Back to my picks</source>
        <translation>Retour à mes suggestions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="90"/>
        <source>Take it with you</source>
        <translation>Emportez-la</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="91"/>
        <source>Scan this with your phone&apos;s camera to keep your list.</source>
        <translation>Scannez ceci avec l’appareil photo de votre téléphone pour garder votre liste.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="92"/>
        <source>Print my list</source>
        <translation>Imprimer ma liste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="93"/>
        <source>Nothing saved yet. Tap Save on a pick to add it here.</source>
        <translation>Rien de gardé pour l’instant. Touchez « Garder » sur une suggestion pour l’ajouter ici.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="95"/>
        <source>Saved items</source>
        <translation>Articles gardés</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="96"/>
        <source>QR code of my list</source>
        <translation>Code QR de ma liste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="179"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="180"/>
        <source>Remove %1 from my list</source>
        <translation>Retirer %1 de ma liste</translation>
    </message>
</context>
<context>
    <name>Seasons</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="196"/>
        <source>winter</source>
        <translation>l’hiver</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="197"/>
        <source>spring</source>
        <translation>le printemps</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="198"/>
        <source>summer</source>
        <translation>l’été</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="199"/>
        <source>autumn</source>
        <translation>l’automne</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/presenters/session.py" line="27"/>
        <source>Too many tries. Please wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Trop d’essais. Veuillez patienter %n seconde, puis réessayez.</numerusform>
            <numerusform>Trop d’essais. Veuillez patienter %n secondes, puis réessayez.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="29"/>
        <source>We don&apos;t know this code. Check it, or join to get your own.</source>
        <translation>Nous ne connaissons pas ce code. Vérifiez-le, ou inscrivez-vous pour avoir le vôtre.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="31"/>
        <source>We don&apos;t know this code. Please check it, or ask a member of staff.</source>
        <translation>Nous ne connaissons pas ce code. Vérifiez-le, ou demandez à un membre du personnel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="35"/>
        <source>This card has been replaced. Please ask a member of staff.</source>
        <translation>Cette carte a été remplacée. Merci de demander à un membre du personnel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="40"/>
        <source>That doesn&apos;t look like one of our codes. Please try again.</source>
        <translation>Cela ne ressemble pas à l’un de nos codes. Merci de réessayer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="42"/>
        <source>Too many tries. Please wait a minute and scan again.</source>
        <translation>Trop d’essais. Attendez une minute puis scannez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="45"/>
        <source>Something went wrong reading your code. Please try again or ask a member of staff.</source>
        <translation>La lecture de votre code a échoué. Réessayez ou demandez à un membre du personnel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="53"/>
        <source>%1 is coming.</source>
        <translation>%1 arrive.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="55"/>
        <source>We&apos;ve asked our staff; please wait here.</source>
        <translation>Nous avons prévenu notre personnel ; merci de patienter ici.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="56"/>
        <source>No one is free right now; please ask at the till.</source>
        <translation>Personne n&apos;est disponible pour le moment ; adressez-vous à la caisse, s&apos;il vous plaît.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="89"/>
        <source>We can&apos;t reach your profile right now. Here are this store&apos;s picks.</source>
        <extracomment>how often the kiosk asks head office whether someone took the request (ms)</extracomment>
        <translation>Nous ne pouvons pas accéder à votre profil pour le moment. Voici les suggestions du magasin.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="153"/>
        <source>Hi %1</source>
        <translation>Bonjour %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="155"/>
        <source>Welcome! Have a look around</source>
        <translation>Bienvenue ! Faites un tour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="156"/>
        <source>Picks for you</source>
        <translation>Suggestions pour vous</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="260"/>
        <source>Your personal picks are not ready yet, so here is what is popular in this store.</source>
        <translation>Vos suggestions personnelles ne sont pas encore prêtes ; voici ce qui est populaire dans ce magasin.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="270"/>
        <source>Our suggestions are taking a short break. Please ask a member of staff.</source>
        <translation>Nos suggestions font une courte pause. Merci de demander à un membre du personnel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="416"/>
        <source>We have nothing quite like it right now.</source>
        <translation>Nous n’avons rien de semblable pour le moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="441"/>
        <source>Please wave to a member of staff; the call did not go through.</source>
        <translation>Faites signe à un membre du personnel ; l’appel n’est pas passé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="462"/>
        <source>My list from %1</source>
        <translation>Ma liste de %1</translation>
    </message>
</context>
<context>
    <name>Shelves</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="34"/>
        <source>Time to restock</source>
        <translation>À racheter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="35"/>
        <source>Goes with what you bought</source>
        <translation>Va avec vos achats</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="36"/>
        <source>New for you</source>
        <translation>Nouveau pour vous</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="37"/>
        <source>Staff pick</source>
        <translation>Le choix du personnel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="38"/>
        <source>Popular in this store</source>
        <translation>Populaire dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="39"/>
        <source>In season</source>
        <translation>De saison</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="40"/>
        <source>More like this</source>
        <translation>Plus comme ça</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="99"/>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="111"/>
        <source>Staff sign-in: type your PIN</source>
        <translation>Connexion du personnel : tapez votre code PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="113"/>
        <source>Your staff PIN</source>
        <translation>Votre code PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="114"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="115"/>
        <source>Delete a digit</source>
        <translation>Effacer un chiffre</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="116"/>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
</context>
<context>
    <name>SpendChart</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/chart.py" line="50"/>
        <source>No purchases in the last 24 months.</source>
        <translation>Aucun achat ces 24 derniers mois.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/chart.py" line="54"/>
        <source>Spend per month: %1 in all over %2 months; most in %3 (%4).</source>
        <translation>Dépenses par mois : %1 au total sur %2 mois ; le plus en %3 (%4).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/chart.py" line="59"/>
        <source>Spend per month</source>
        <translation>Dépenses par mois</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../kiosk/ui/presenters/staff_gate.py" line="39"/>
        <source>Please try again.</source>
        <translation>Merci de réessayer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/staff_gate.py" line="52"/>
        <source>Too many wrong PINs. Try again in %1 minute(s).</source>
        <translation>Trop de codes erronés. Réessayez dans %1 minute(s).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/staff_gate.py" line="54"/>
        <source>Wrong PIN.</source>
        <translation>Code erroné.</translation>
    </message>
</context>
<context>
    <name>StaffHelp</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="61"/>
        <source>Help requests need head office, and this tablet has none set up. Shoppers who ask are sent to the till.</source>
        <extracomment>how often the waiting list is refreshed while someone is signed in (ms)</extracomment>
        <translation>Les demandes d&apos;aide passent par le siège, et cette tablette n&apos;en a pas de configuré. Les clients qui demandent sont envoyés à la caisse.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="119"/>
        <source>a shopper</source>
        <translation>un client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="121"/>
        <source>You took it: %1 is waiting at %2.</source>
        <translation>C&apos;est pour vous : %1 attend à %2.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="129"/>
        <source>Someone else took it first.</source>
        <translation>Quelqu&apos;un d&apos;autre s&apos;en occupe déjà.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="137"/>
        <source>Head office is out of reach, so help requests cannot be shown. Shoppers who ask are sent to the till.</source>
        <translation>Le siège est injoignable, les demandes d&apos;aide ne peuvent donc pas s&apos;afficher. Les clients qui demandent sont envoyés à la caisse.</translation>
    </message>
</context>
<context>
    <name>StaffTexts</name>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="28"/>
        <source>Lapsing</source>
        <translation>En retrait</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="29"/>
        <source>Recently seen</source>
        <translation>Vus récemment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="30"/>
        <source>Saved, not bought</source>
        <translation>Mis de côté, pas achetés</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="31"/>
        <source>High value</source>
        <translation>Meilleurs clients</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="38"/>
        <source>from the shopper</source>
        <translation>du client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="39"/>
        <source>from staff</source>
        <translation>du personnel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="40"/>
        <source>inferred from what they bought</source>
        <translation>déduit des achats</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="47"/>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="48"/>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="49"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="50"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="63"/>
        <source>opened the profile</source>
        <translation>a ouvert le profil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="64"/>
        <source>searched</source>
        <translation>a cherché</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="65"/>
        <source>wrote a note</source>
        <translation>a écrit une note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="66"/>
        <source>picked an item</source>
        <translation>a choisi un article</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="67"/>
        <source>pinned an item</source>
        <translation>a épinglé un article</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="68"/>
        <source>hid an item</source>
        <translation>a masqué un article</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="69"/>
        <source>changed a preference</source>
        <translation>a modifié une préférence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="70"/>
        <source>changed the advisor</source>
        <translation>a changé le conseiller</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="71"/>
        <source>removed a pick</source>
        <translation>a retiré un choix</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="72"/>
        <source>looked at the recommenders&apos; picks</source>
        <translation>a regardé les recommandations</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="73"/>
        <source>sent a message</source>
        <translation>a envoyé un message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="74"/>
        <source>scanned their card</source>
        <translation>a scanné sa carte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="75"/>
        <source>read who opened the profile</source>
        <translation>a lu qui a ouvert le profil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="76"/>
        <source>signed in</source>
        <translation>s&apos;est connecté</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="77"/>
        <source>signed out</source>
        <translation>s&apos;est déconnecté</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="104"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="110"/>
        <source>stock unknown</source>
        <translation>stock inconnu</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="112"/>
        <source>out of stock here</source>
        <translation>en rupture ici</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="114"/>
        <source>%1 in stock</source>
        <translation>%1 en stock</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="128"/>
        <source>Aisle %1</source>
        <translation>Allée %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="129"/>
        <source>Aisle %1, bay %2</source>
        <translation>Allée %1, travée %2</translation>
    </message>
</context>
<context>
    <name>StaffWindow</name>
    <message>
        <location filename="../../kiosk/ui/staff/window.py" line="219"/>
        <source>Sorry, something went wrong. Please try again.</source>
        <extracomment>screens reached from the bar, and the bar button lit for each screen</extracomment>
        <translation>Désolé, une erreur s&apos;est produite. Veuillez réessayer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/window.py" line="243"/>
        <source>Staff</source>
        <translation>Personnel</translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="87"/>
        <source>Aisle %1, bay %2</source>
        <translation>Allée %1, emplacement %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="93"/>
        <source>Ask us if it is in stock</source>
        <translation>Demandez-nous s’il est en stock</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="95"/>
        <source>Not in this store</source>
        <translation>Pas dans ce magasin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="97"/>
        <source>In stock, %1</source>
        <translation>En stock, %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="98"/>
        <source>In stock</source>
        <translation>En stock</translation>
    </message>
</context>
<context>
    <name>Themes</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="175"/>
        <location filename="../../kiosk/ui/texts.py" line="195"/>
        <source>Christmas</source>
        <translation>Noël</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="176"/>
        <source>kitchen</source>
        <translation>cuisine</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="177"/>
        <source>bags</source>
        <translation>sacs</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="178"/>
        <source>candles and lights</source>
        <translation>bougies et lumières</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="179"/>
        <source>stationery</source>
        <translation>papeterie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="180"/>
        <source>garden</source>
        <translation>jardin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="181"/>
        <source>home decor</source>
        <translation>décoration</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="182"/>
        <source>party</source>
        <translation>fête</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="183"/>
        <source>toys and games</source>
        <translation>jouets et jeux</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="184"/>
        <source>jewellery</source>
        <translation>bijoux</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="185"/>
        <source>bathroom</source>
        <translation>salle de bain</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="186"/>
        <source>storage</source>
        <translation>rangement</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="187"/>
        <source>other gifts</source>
        <translation>autres cadeaux</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="74"/>
        <source>up to %1</source>
        <translation>jusqu’à %1</translation>
    </message>
</context>
</TS>
