<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccessibilityPanel</name>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="25"/>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="94"/>
        <source>Easier to read</source>
        <translation>Easier to read</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="27"/>
        <source>Accessibility: larger text, high contrast, read aloud</source>
        <translation>Accessibility: larger text, high contrast, read aloud</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="95"/>
        <source>Larger text</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="96"/>
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="97"/>
        <source>Read this screen aloud</source>
        <translation>Read this screen aloud</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/accessibility.py" line="98"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AdvisorScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="71"/>
        <source>%n day(s) past their usual visit</source>
        <translation>
            <numerusform>%n day past their usual visit</numerusform>
            <numerusform>%n days past their usual visit</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="72"/>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="74"/>
        <source>last visit %1</source>
        <translation>last visit %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="80"/>
        <source>No one today.</source>
        <translation>No one today.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="81"/>
        <source>No new clients this week.</source>
        <translation>No new clients this week.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="82"/>
        <source>Nothing back in stock for your clients today.</source>
        <translation>Nothing back in stock for your clients today.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="88"/>
        <source>Head office is not set up or out of reach: help requests cannot be shown.</source>
        <translation>Head office is not set up or out of reach: help requests cannot be shown.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="91"/>
        <source>%n shopper(s) waiting for help.</source>
        <translation>
            <numerusform>%n shopper waiting for help.</numerusform>
            <numerusform>%n shoppers waiting for help.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="102"/>
        <source>Today, %1</source>
        <translation>Today, %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="103"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="110"/>
        <source>This store&apos;s history ends earlier, so the list is worked out for the day after its last sale.</source>
        <translation>This store&apos;s history ends earlier, so the list is worked out for the day after its last sale.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="114"/>
        <source>Lapsing: past their usual interval</source>
        <translation>Lapsing: past their usual interval</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="115"/>
        <source>New clients this week</source>
        <translation>New clients this week</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="116"/>
        <source>Saved, and back in stock</source>
        <translation>Saved, and back in stock</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="117"/>
        <source>Help waiting</source>
        <translation>Help waiting</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/advisor.py" line="120"/>
        <source>Open help requests</source>
        <translation>Open help requests</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="200"/>
        <source>Scan your loyalty code</source>
        <translation>Scan your loyalty code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="201"/>
        <source>Hold your code under the scanner, or type the short code below.</source>
        <translation>Hold your code under the scanner, or type the short code below.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="203"/>
        <source>Just browsing</source>
        <translation>Just browsing</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="204"/>
        <source>Join: get your own code</source>
        <translation>Join: get your own code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="205"/>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="242"/>
        <source>Getting personal picks ready… %1%</source>
        <translation>Getting personal picks ready… %1%</translation>
    </message>
</context>
<context>
    <name>Book</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/book.py" line="72"/>
        <source>This customer does not share their profile with staff.</source>
        <translation>This customer does not share their profile with staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/book.py" line="75"/>
        <source>No customer has that card.</source>
        <translation>No customer has that card.</translation>
    </message>
</context>
<context>
    <name>BookScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="128"/>
        <source>No client matches. Only clients who share their profile with staff are listed.</source>
        <translation>No client matches. Only clients who share their profile with staff are listed.</translation>
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
        <translation>Client book</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="145"/>
        <source>Search by first name or short code</source>
        <translation>Search by first name or short code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="146"/>
        <source>Search clients by first name or short code</source>
        <translation>Search clients by first name or short code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="147"/>
        <source>Scan or type a card code</source>
        <translation>Scan or type a card code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="148"/>
        <source>Scan or type a card code, then Enter</source>
        <translation>Scan or type a card code, then Enter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="149"/>
        <source>This store</source>
        <translation>This store</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="150"/>
        <source>My clients</source>
        <translation>My clients</translation>
    </message>
</context>
<context>
    <name>Card</name>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="154"/>
        <source>Why this? %1</source>
        <translation>Why this? %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="157"/>
        <source>Picture of %1</source>
        <translation>Picture of %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="158"/>
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="158"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="159"/>
        <source>Save %1</source>
        <translation>Save %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="161"/>
        <source>Not for me</source>
        <translation>Not for me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="162"/>
        <source>Not for me: %1</source>
        <translation>Not for me: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="163"/>
        <source>More like this</source>
        <translation>More like this</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="164"/>
        <source>More like %1</source>
        <translation>More like %1</translation>
    </message>
</context>
<context>
    <name>ClientRow</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="178"/>
        <source>(no first name)</source>
        <translation>(no first name)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/book.py" line="180"/>
        <source>%1 · advisor %2</source>
        <translation>%1 · advisor %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/book.py" line="186"/>
        <source>Last visit %1 · %n visit(s) · %2 spent</source>
        <translation>
            <numerusform>Last visit %1 · %n visit · %2 spent</numerusform>
            <numerusform>Last visit %1 · %n visits · %2 spent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Colours</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="207"/>
        <source>red</source>
        <translation>red</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="207"/>
        <source>pink</source>
        <translation>pink</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="208"/>
        <source>orange</source>
        <translation>orange</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="208"/>
        <source>yellow</source>
        <translation>yellow</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="209"/>
        <source>green</source>
        <translation>green</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="209"/>
        <source>blue</source>
        <translation>blue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="210"/>
        <source>turquoise</source>
        <translation>turquoise</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="211"/>
        <source>purple</source>
        <translation>purple</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="211"/>
        <source>brown</source>
        <translation>brown</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="212"/>
        <source>black</source>
        <translation>black</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="212"/>
        <source>grey</source>
        <translation>grey</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="213"/>
        <source>white</source>
        <translation>white</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="213"/>
        <source>ivory</source>
        <translation>ivory</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="214"/>
        <source>cream</source>
        <translation>cream</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="214"/>
        <source>silver</source>
        <translation>silver</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="215"/>
        <source>gold</source>
        <translation>gold</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="215"/>
        <source>copper</source>
        <translation>copper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="216"/>
        <source>many colours</source>
        <translation>many colours</translation>
    </message>
</context>
<context>
    <name>Consents</name>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="22"/>
        <source>Use what I buy to suggest things for me</source>
        <translation>Use what I buy to suggest things for me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="24"/>
        <source>Let staff see my picks to help me in the shop</source>
        <translation>Let staff see my picks to help me in the shop</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="26"/>
        <source>Send me offers from head office</source>
        <translation>Send me offers from head office</translation>
    </message>
</context>
<context>
    <name>Curate</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="54"/>
        <source>The recommenders are still getting ready; their picks will show here in a moment.</source>
        <translation>The recommenders are still getting ready; their picks will show here in a moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="94"/>
        <source>Picked. They will see it at their next scan.</source>
        <translation>Picked. They will see it at their next scan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="97"/>
        <source>Pick removed.</source>
        <translation>Pick removed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="101"/>
        <source>Pinned first on its shelf.</source>
        <translation>Pinned first on its shelf.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="102"/>
        <source>Unpinned.</source>
        <translation>Unpinned.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="106"/>
        <source>Hidden: they will not be shown it.</source>
        <translation>Hidden: they will not be shown it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/curate.py" line="107"/>
        <source>They can be shown it again.</source>
        <translation>They can be shown it again.</translation>
    </message>
</context>
<context>
    <name>CurateScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="102"/>
        <source>No staff picks yet.</source>
        <translation>No staff picks yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="106"/>
        <source>Picked by %1: “%2”</source>
        <translation>Picked by %1: “%2”</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="108"/>
        <source>Picked by %1</source>
        <translation>Picked by %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="110"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="111"/>
        <source>Remove the pick %1</source>
        <translation>Remove the pick %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="120"/>
        <source>The recommenders have nothing for this client yet.</source>
        <translation>The recommenders have nothing for this client yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="127"/>
        <source>pinned</source>
        <translation>pinned</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="129"/>
        <source>hidden from them</source>
        <translation>hidden from them</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="134"/>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="164"/>
        <source>Pick</source>
        <translation>Pick</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="135"/>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="165"/>
        <source>Pick %1</source>
        <translation>Pick %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="137"/>
        <source>Unpin</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="137"/>
        <source>Pin</source>
        <translation>Pin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="139"/>
        <source>Unpin %1</source>
        <translation>Unpin %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="139"/>
        <source>Pin %1</source>
        <translation>Pin %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="142"/>
        <source>Show again</source>
        <translation>Show again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="142"/>
        <source>Hide</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="144"/>
        <source>Show %1 again</source>
        <translation>Show %1 again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="144"/>
        <source>Hide %1</source>
        <translation>Hide %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="156"/>
        <source>No product matches.</source>
        <translation>No product matches.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="180"/>
        <source>Picks for %1</source>
        <translation>Picks for %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="186"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="186"/>
        <source>Back to the customer page</source>
        <translation>Back to the customer page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="188"/>
        <source>A note with the next pick, e.g. “For your daughter&apos;s party” (optional)</source>
        <translation>A note with the next pick, e.g. “For your daughter&apos;s party” (optional)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="190"/>
        <source>Note with the next pick</source>
        <translation>Note with the next pick</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="191"/>
        <source>Staff picks now</source>
        <translation>Staff picks now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="192"/>
        <source>What the recommenders would show, and why</source>
        <translation>What the recommenders would show, and why</translation>
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
        <translation>Search the catalogue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/curate.py" line="196"/>
        <source>In stock here</source>
        <translation>In stock here</translation>
    </message>
</context>
<context>
    <name>Customer</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/customer.py" line="20"/>
        <source>This customer no longer shares their profile with staff.</source>
        <translation>This customer no longer shares their profile with staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/customer.py" line="72"/>
        <source>This client</source>
        <translation>This client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/customer.py" line="104"/>
        <source>Sent by %1.</source>
        <translation>Sent by %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/customer.py" line="107"/>
        <source>No channel is set up: tell them at their next visit.</source>
        <translation>No channel is set up: tell them at their next visit.</translation>
    </message>
</context>
<context>
    <name>CustomerScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="232"/>
        <source>This client</source>
        <extracomment>purchases listed when a page opens; &quot;Show all&quot; lists the rest items of a visit named on its row (the rest are counted)</extracomment>
        <translation>This client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="238"/>
        <source>Client since %1</source>
        <translation>Client since %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="240"/>
        <source>Advisor: %1</source>
        <translation>Advisor: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="241"/>
        <source>No advisor yet</source>
        <translation>No advisor yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="246"/>
        <source>My client ✓</source>
        <translation>My client ✓</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="246"/>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="247"/>
        <source>Make my client</source>
        <translation>Make my client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="247"/>
        <source>My client</source>
        <translation>My client</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="260"/>
        <source>%n visit(s), %1 spent</source>
        <translation>
            <numerusform>%n visit, %1 spent</numerusform>
            <numerusform>%n visits, %1 spent</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="263"/>
        <source>First visit %1, last visit %2</source>
        <translation>First visit %1, last visit %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="268"/>
        <source>Usually comes back every %n day(s)</source>
        <translation>
            <numerusform>Usually comes back every %n day</numerusform>
            <numerusform>Usually comes back every %n days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="271"/>
        <source>Stores: %1</source>
        <translation>Stores: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="277"/>
        <source>No preferences yet.</source>
        <translation>No preferences yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="285"/>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="301"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="288"/>
        <source>Remove %1</source>
        <translation>Remove %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="295"/>
        <source>No notes yet.</source>
        <translation>No notes yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="297"/>
        <source>by %1, %2</source>
        <translation>by %1, %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="300"/>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="302"/>
        <source>Remove this note</source>
        <translation>Remove this note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="311"/>
        <source>No purchases yet.</source>
        <translation>No purchases yet.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="319"/>
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="326"/>
        <source>Show all %n purchases</source>
        <translation>
            <numerusform>Show the %n purchase</numerusform>
            <numerusform>Show all %n purchases</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="335"/>
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="338"/>
        <source>Nothing saved.</source>
        <translation>Nothing saved.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="344"/>
        <source>Not for me</source>
        <translation>Not for me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="347"/>
        <source>Nothing turned down.</source>
        <translation>Nothing turned down.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="357"/>
        <source>The kiosk has not shown them anything lately.</source>
        <translation>The kiosk has not shown them anything lately.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="373"/>
        <source>Purchases (%1)</source>
        <translation>Purchases (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="373"/>
        <source>Saved (%1)</source>
        <translation>Saved (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="374"/>
        <source>Shown lately (%1)</source>
        <translation>Shown lately (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="381"/>
        <source>Nobody yet.</source>
        <translation>Nobody yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="438"/>
        <source>Save note</source>
        <translation>Save note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="439"/>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="448"/>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="448"/>
        <source>Back to the client book</source>
        <translation>Back to the client book</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="449"/>
        <source>Curate picks</source>
        <translation>Curate picks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="450"/>
        <source>Personal picks paused: they will see picks again when they resume.</source>
        <translation>Personal picks paused: they will see picks again when they resume.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="453"/>
        <source>Spend per month</source>
        <translation>Spend per month</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="454"/>
        <source>Sizes and preferences</source>
        <translation>Sizes and preferences</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="455"/>
        <source>Notes (the shopper can read them in My data)</source>
        <translation>Notes (the shopper can read them in My data)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="456"/>
        <source>Write a note</source>
        <translation>Write a note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="457"/>
        <source>Note text</source>
        <translation>Note text</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="458"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="458"/>
        <source>Cancel editing the note</source>
        <translation>Cancel editing the note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="460"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="461"/>
        <source>A message for the client</source>
        <translation>A message for the client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="462"/>
        <source>Message for the client</source>
        <translation>Message for the client</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="463"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="463"/>
        <source>Send the message</source>
        <translation>Send the message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="464"/>
        <source>Who opened this profile</source>
        <translation>Who opened this profile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="473"/>
        <source>Kind of preference</source>
        <translation>Kind of preference</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="474"/>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="475"/>
        <source>Preference value</source>
        <translation>Preference value</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="476"/>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/customer.py" line="476"/>
        <source>Add the preference</source>
        <translation>Add the preference</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="39"/>
        <source>You are not allowed to do that.</source>
        <extracomment>how often the screens&apos; customers are checked against their consent (ms)</extracomment>
        <translation>You are not allowed to do that.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="41"/>
        <source>That was not accepted: %1</source>
        <translation>That was not accepted: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="43"/>
        <source>Not found. It may have been removed.</source>
        <translation>Not found. It may have been removed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="44"/>
        <source>Sorry, something went wrong. Please try again.</source>
        <translation>Sorry, something went wrong. Please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/desk.py" line="85"/>
        <source>Sorry, the PIN could not be checked. Please try again.</source>
        <translation>Sorry, the PIN could not be checked. Please try again.</translation>
    </message>
</context>
<context>
    <name>FarewellScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/farewell.py" line="51"/>
        <source>Done. We have erased everything about you.</source>
        <translation>Done. We have erased everything about you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/farewell.py" line="53"/>
        <source>Your code no longer works here. Thank you for shopping with us.</source>
        <translation>Your code no longer works here. Thank you for shopping with us.</translation>
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
        <translation>Need a hand?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/help.py" line="52"/>
        <source>Asking our staff...</source>
        <translation>Asking our staff...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/help.py" line="53"/>
        <source>We&apos;ll ask a member of staff to come to this kiosk.</source>
        <translation>We&apos;ll ask a member of staff to come to this kiosk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/help.py" line="54"/>
        <source>Ask for staff</source>
        <translation>Ask for staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/help.py" line="56"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="62"/>
        <source>No one is waiting for help.</source>
        <translation>No one is waiting for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="64"/>
        <source>A shopper</source>
        <translation>A shopper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="65"/>
        <source>%1 at %2, asked at %3</source>
        <translation>%1 at %2, asked at %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="70"/>
        <source>Looking at: %1</source>
        <translation>Looking at: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="71"/>
        <source>What they were looking at is not shared.</source>
        <translation>What they were looking at is not shared.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="74"/>
        <source>Take</source>
        <translation>Take</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="75"/>
        <source>Take: %1</source>
        <translation>Take: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="84"/>
        <source>Help requests</source>
        <translation>Help requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/help.py" line="85"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="70"/>
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="71"/>
        <source>To keep your details private, this kiosk will start over in %1 seconds.</source>
        <translation>To keep your details private, this kiosk will start over in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="73"/>
        <source>I&apos;m still here</source>
        <translation>I&apos;m still here</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="74"/>
        <source>Start over now</source>
        <translation>Start over now</translation>
    </message>
</context>
<context>
    <name>JoinPresenter</name>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="18"/>
        <source>A code to scan next time, and a list of what you like that you can take home.</source>
        <translation>A code to scan next time, and a list of what you like that you can take home.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="21"/>
        <source>Picks chosen for you from what you buy.</source>
        <translation>Picks chosen for you from what you buy.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="23"/>
        <source>We won&apos;t use what you buy: you see this store&apos;s picks for everyone.</source>
        <translation>We won&apos;t use what you buy: you see this store&apos;s picks for everyone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="26"/>
        <source>Our staff can see your picks to help you in the shop.</source>
        <translation>Our staff can see your picks to help you in the shop.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="29"/>
        <source>Offers from our head office.</source>
        <translation>Offers from our head office.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="54"/>
        <source>Please use a shorter first name (40 letters at most).</source>
        <translation>Please use a shorter first name (40 letters at most).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="71"/>
        <source>Signing up is not available at this kiosk. You can still look around as a guest.</source>
        <translation>Signing up is not available at this kiosk. You can still look around as a guest.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="75"/>
        <source>We could not sign you up just now. Please ask a member of staff.</source>
        <translation>We could not sign you up just now. Please ask a member of staff.</translation>
    </message>
</context>
<context>
    <name>JoinScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="155"/>
        <source>Before we start</source>
        <translation>Before we start</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="156"/>
        <source>Choose what we may do. You can change this any time in My data.</source>
        <translation>Choose what we may do. You can change this any time in My data.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="158"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="163"/>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="137"/>
        <source>With these answers you get:</source>
        <translation>With these answers you get:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="140"/>
        <source>What you get:</source>
        <translation>What you get:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="160"/>
        <source>Welcome! Here is your code</source>
        <translation>Welcome! Here is your code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="164"/>
        <source>Get your own code. You choose below what we may do with it. Your first name is optional; we never need your surname.</source>
        <translation>Get your own code. You choose below what we may do with it. Your first name is optional; we never need your surname.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="167"/>
        <source>Join and get my code</source>
        <translation>Join and get my code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="169"/>
        <location filename="../../kiosk/ui/screens/join.py" line="170"/>
        <source>First name (optional)</source>
        <translation>First name (optional)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="172"/>
        <source>Your profile (your first name, what you like and these answers) is kept by our head office, so your code and your profile work in all our stores.</source>
        <translation>Your profile (your first name, what you like and these answers) is kept by our head office, so your code and your profile work in all our stores.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="177"/>
        <source>Your short code: %1</source>
        <translation>Your short code: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="179"/>
        <source>This is your code. Take a photo of it, or type the short code next time.</source>
        <translation>This is your code. Take a photo of it, or type the short code next time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="181"/>
        <source>QR code of your new loyalty code</source>
        <translation>QR code of your new loyalty code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="182"/>
        <source>Start shopping</source>
        <translation>Start shopping</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="184"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>KeypadWidget</name>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="129"/>
        <source>Keypad for the code printed on your card</source>
        <translation>Keypad for the code printed on your card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="134"/>
        <source>Type %1</source>
        <translation>Type %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="135"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="136"/>
        <source>Delete the last character</source>
        <translation>Delete the last character</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="137"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="138"/>
        <source>Clear the code</source>
        <translation>Clear the code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="170"/>
        <source>Check the code and try again: one of the characters does not match the card.</source>
        <translation>Check the code and try again: one of the characters does not match the card.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/scanning/keypad.py" line="205"/>
        <source>Please wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Please wait %n second, then try again.</numerusform>
            <numerusform>Please wait %n seconds, then try again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/scanning/keypad.py" line="207"/>
        <source>Wait %n s</source>
        <translation>
            <numerusform>Wait %n s</numerusform>
            <numerusform>Wait %n s</numerusform>
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
        <translation>Use this code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="131"/>
        <source>No camera handy? Type the 13 characters printed under the QR code, like this: XXXX-XXXX-XXXX-X</source>
        <translation>No camera handy? Type the 13 characters printed under the QR code, like this: XXXX-XXXX-XXXX-X</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="203"/>
        <source>Code typed so far: %1</source>
        <translation>Code typed so far: %1</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../kiosk/ui/window.py" line="370"/>
        <source>Sorry, something went wrong. Please try again, or ask a member of staff.</source>
        <translation>Sorry, something went wrong. Please try again, or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="410"/>
        <location filename="../../kiosk/ui/app.py" line="109"/>
        <source>Personal Shopper</source>
        <translation>Personal Shopper</translation>
    </message>
</context>
<context>
    <name>MyDataPresenter</name>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="75"/>
        <source>That did not work. Nothing was changed. Please try again.</source>
        <translation>That did not work. Nothing was changed. Please try again.</translation>
    </message>
</context>
<context>
    <name>MyDataScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="242"/>
        <source>My data</source>
        <translation>My data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="243"/>
        <source>Back to my picks</source>
        <translation>Back to my picks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="244"/>
        <source>What we know, and why</source>
        <translation>What we know, and why</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="247"/>
        <source>What I like</source>
        <translation>What I like</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="248"/>
        <source>Themes</source>
        <translation>Themes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="251"/>
        <source>Colours</source>
        <translation>Colours</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="254"/>
        <source>My budget for one item</source>
        <translation>My budget for one item</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="258"/>
        <source>Any price</source>
        <translation>Any price</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="263"/>
        <source>What you allow</source>
        <translation>What you allow</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="266"/>
        <source>Pause my personal picks for now</source>
        <translation>Pause my personal picks for now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="267"/>
        <source>Forget me</source>
        <translation>Forget me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="268"/>
        <source>Erase everything about me</source>
        <translation>Erase everything about me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="269"/>
        <source>This deletes your purchases, likes and list from this store for good, and asks head office to do the same. Your code will stop working.</source>
        <translation>This deletes your purchases, likes and list from this store for good, and asks head office to do the same. Your code will stop working.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="272"/>
        <source>Yes, erase everything</source>
        <translation>Yes, erase everything</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="273"/>
        <source>No, keep my data</source>
        <translation>No, keep my data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="317"/>
        <source>A note from our staff (%1): %2</source>
        <translation>A note from our staff (%1): %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="322"/>
        <source>No member of staff has looked at your profile.</source>
        <translation>No member of staff has looked at your profile.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="327"/>
        <source>Staff looked at your profile %1 time(s), lately: %2</source>
        <translation>Staff looked at your profile %1 time(s), lately: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="337"/>
        <source>Your first name: %1</source>
        <translation>Your first name: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="344"/>
        <source>Purchases we use for your picks: %1</source>
        <translation>Purchases we use for your picks: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="354"/>
        <source>Most recently: %1</source>
        <translation>Most recently: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="361"/>
        <source>What you told us you like: %1</source>
        <translation>What you told us you like: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="363"/>
        <source>Your reactions to picks: %1</source>
        <translation>Your reactions to picks: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="364"/>
        <source>Saved items: %1</source>
        <translation>Saved items: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="365"/>
        <source>Items you said are not for you: %1</source>
        <translation>Items you said are not for you: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="375"/>
        <source>We use these only to suggest things you may like, in any of our stores: your profile is kept by our head office. You can change or erase them here at any time.</source>
        <translation>We use these only to suggest things you may like, in any of our stores: your profile is kept by our head office. You can change or erase them here at any time.</translation>
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
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="61"/>
        <source>Help (%1)</source>
        <translation>Help (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="62"/>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="66"/>
        <source>%1, manager</source>
        <translation>%1, manager</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="69"/>
        <source>Signed in: %1</source>
        <translation>Signed in: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/nav.py" line="70"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="188"/>
        <source>CAPS</source>
        <extracomment>the letter rows of each language&apos;s usual keyboard</extracomment>
        <translation>CAPS</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="188"/>
        <source>Capital letters (on)</source>
        <translation>Capital letters (on)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="190"/>
        <source>Capital letter</source>
        <translation>Capital letter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="191"/>
        <source>Accented letters</source>
        <translation>Accented letters</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="192"/>
        <source>space</source>
        <translation>space</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="192"/>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="193"/>
        <source>Delete the last letter</source>
        <translation>Delete the last letter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/keyboard.py" line="194"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>OutOfOrderScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="70"/>
        <source>This kiosk is out of order.</source>
        <translation>This kiosk is out of order.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="71"/>
        <source>Please ask a member of staff.</source>
        <translation>Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="72"/>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="73"/>
        <source>For staff</source>
        <translation>For staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="78"/>
        <source>The kiosk&apos;s database is damaged (%1). The kiosk stays out of order until it is restarted; nothing a shopper does can change that.</source>
        <translation>The kiosk&apos;s database is damaged (%1). The kiosk stays out of order until it is restarted; nothing a shopper does can change that.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_order.py" line="81"/>
        <source>Stop the kiosk, then run: kiosk store check --db %1
It tells you how to restore a backup or rebuild the database from head office.</source>
        <translation>Stop the kiosk, then run: kiosk store check --db %1
It tells you how to restore a backup or rebuild the database from head office.</translation>
    </message>
</context>
<context>
    <name>PicksScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="328"/>
        <location filename="../../kiosk/ui/screens/picks.py" line="416"/>
        <source>My list (%1)</source>
        <translation>My list (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="330"/>
        <source>My data</source>
        <translation>My data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="331"/>
        <source>Ask for help</source>
        <translation>Ask for help</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="332"/>
        <source>I&apos;m done</source>
        <translation>I&apos;m done</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="339"/>
        <location filename="../../kiosk/ui/screens/picks.py" line="349"/>
        <source>Finding your picks…</source>
        <translation>Finding your picks…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="396"/>
        <source>Nothing to suggest right now. Have a look around!</source>
        <translation>Nothing to suggest right now. Have a look around!</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="447"/>
        <source>Your personal picks are paused, so these are this store&apos;s picks for everyone. Turn them back on in My data.</source>
        <translation>Your personal picks are paused, so these are this store&apos;s picks for everyone. Turn them back on in My data.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="450"/>
        <source>We don&apos;t use what you buy, as you asked, so these are this store&apos;s picks for everyone. You can change this in My data.</source>
        <translation>We don&apos;t use what you buy, as you asked, so these are this store&apos;s picks for everyone. You can change this in My data.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="516"/>
        <source>More like %1</source>
        <translation>More like %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="518"/>
        <source>More like this</source>
        <translation>More like this</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="520"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="521"/>
        <source>Close: more like this</source>
        <translation>Close: more like this</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="564"/>
        <source>Removed: %1</source>
        <translation>Removed: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="565"/>
        <source>Removed.</source>
        <translation>Removed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="566"/>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="567"/>
        <source>Undo: bring %1 back</source>
        <translation>Undo: bring %1 back</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="77"/>
        <location filename="../../kiosk/ui/screens/pin.py" line="78"/>
        <source>Staff PIN</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="79"/>
        <source>Delete a digit</source>
        <translation>Delete a digit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="80"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="81"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PluginScreenHost</name>
    <message>
        <location filename="../../kiosk/ui/window.py" line="80"/>
        <source>This part of the kiosk is not available right now.</source>
        <translation>This part of the kiosk is not available right now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="86"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>PopularCard</name>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="89"/>
        <source>Popular here</source>
        <extracomment>how long a message about a scan stays (a &quot;please wait&quot; one: no longer than the wait)</extracomment>
        <translation>Popular here</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="100"/>
        <source>Picture of %1</source>
        <translation>Picture of %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="101"/>
        <source>Popular here: %1</source>
        <translation>Popular here: %1</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="104"/>
        <location filename="../../kiosk/ui/texts.py" line="170"/>
        <source>Suggested for you.</source>
        <translation>Suggested for you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="119"/>
        <source>You have bought this before. Time to restock?</source>
        <translation>You have bought this before. Time to restock?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="121"/>
        <source>Goes with something you bought.</source>
        <translation>Goes with something you bought.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="123"/>
        <source>In season now.</source>
        <translation>In season now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="125"/>
        <source>Picked for you by our staff.</source>
        <translation>Picked for you by our staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="127"/>
        <source>More like something you liked.</source>
        <translation>More like something you liked.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="131"/>
        <source>You buy this about every {days} days; last time on {date}.</source>
        <translation>You buy this about every {days} days; last time on {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="134"/>
        <source>You bought this on {date}. Time to restock?</source>
        <translation>You bought this on {date}. Time to restock?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="137"/>
        <source>Goes with the {name} you bought on {date}.</source>
        <translation>Goes with the {name} you bought on {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="141"/>
        <source>Shoppers who buy what you buy also like this.</source>
        <translation>Shoppers who buy what you buy also like this.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="144"/>
        <source>You like {theme} things.</source>
        <translation>You like {theme} things.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="147"/>
        <source>In {colour}, a colour you like.</source>
        <translation>In {colour}, a colour you like.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="150"/>
        <source>Like the {name} you bought.</source>
        <translation>Like the {name} you bought.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="152"/>
        <source>Like other things you have chosen.</source>
        <translation>Like other things you have chosen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="154"/>
        <source>Popular in this store over the last {days} days.</source>
        <translation>Popular in this store over the last {days} days.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="157"/>
        <source>Selling fast this week.</source>
        <translation>Selling fast this week.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="159"/>
        <source>In season: {season}.</source>
        <translation>In season: {season}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="162"/>
        <source>Picked for you by {name}.</source>
        <translation>Picked for you by {name}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="168"/>
        <source>Like the {name} you asked about.</source>
        <translation>Like the {name} you asked about.</translation>
    </message>
</context>
<context>
    <name>SavedScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="87"/>
        <source>My list</source>
        <translation>My list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="88"/>
        <source>Back to my picks</source>
        <translation>Back to my picks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="90"/>
        <source>Take it with you</source>
        <translation>Take it with you</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="91"/>
        <source>Scan this with your phone&apos;s camera to keep your list.</source>
        <translation>Scan this with your phone&apos;s camera to keep your list.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="92"/>
        <source>Print my list</source>
        <translation>Print my list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="93"/>
        <source>Nothing saved yet. Tap Save on a pick to add it here.</source>
        <translation>Nothing saved yet. Tap Save on a pick to add it here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="95"/>
        <source>Saved items</source>
        <translation>Saved items</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="96"/>
        <source>QR code of my list</source>
        <translation>QR code of my list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="179"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="180"/>
        <source>Remove %1 from my list</source>
        <translation>Remove %1 from my list</translation>
    </message>
</context>
<context>
    <name>Seasons</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="196"/>
        <source>winter</source>
        <translation>winter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="197"/>
        <source>spring</source>
        <translation>spring</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="198"/>
        <source>summer</source>
        <translation>summer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="199"/>
        <source>autumn</source>
        <translation>autumn</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/presenters/session.py" line="27"/>
        <source>Too many tries. Please wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Too many tries. Please wait %n second, then try again.</numerusform>
            <numerusform>Too many tries. Please wait %n seconds, then try again.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="29"/>
        <source>We don&apos;t know this code. Check it, or join to get your own.</source>
        <translation>We don&apos;t know this code. Check it, or join to get your own.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="31"/>
        <source>We don&apos;t know this code. Please check it, or ask a member of staff.</source>
        <translation>We don&apos;t know this code. Please check it, or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="35"/>
        <source>This card has been replaced. Please ask a member of staff.</source>
        <translation>This card has been replaced. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="40"/>
        <source>That doesn&apos;t look like one of our codes. Please try again.</source>
        <translation>That doesn&apos;t look like one of our codes. Please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="42"/>
        <source>Too many tries. Please wait a minute and scan again.</source>
        <translation>Too many tries. Please wait a minute and scan again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="45"/>
        <source>Something went wrong reading your code. Please try again or ask a member of staff.</source>
        <translation>Something went wrong reading your code. Please try again or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="53"/>
        <source>%1 is coming.</source>
        <translation>%1 is coming.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="55"/>
        <source>We&apos;ve asked our staff; please wait here.</source>
        <translation>We&apos;ve asked our staff; please wait here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="56"/>
        <source>No one is free right now; please ask at the till.</source>
        <translation>No one is free right now; please ask at the till.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="89"/>
        <source>We can&apos;t reach your profile right now. Here are this store&apos;s picks.</source>
        <extracomment>how often the kiosk asks head office whether someone took the request (ms)</extracomment>
        <translation>We can&apos;t reach your profile right now. Here are this store&apos;s picks.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="153"/>
        <source>Hi %1</source>
        <translation>Hi %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="155"/>
        <source>Welcome! Have a look around</source>
        <translation>Welcome! Have a look around</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="156"/>
        <source>Picks for you</source>
        <translation>Picks for you</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="260"/>
        <source>Your personal picks are not ready yet, so here is what is popular in this store.</source>
        <translation>Your personal picks are not ready yet, so here is what is popular in this store.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="270"/>
        <source>Our suggestions are taking a short break. Please ask a member of staff.</source>
        <translation>Our suggestions are taking a short break. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="416"/>
        <source>We have nothing quite like it right now.</source>
        <translation>We have nothing quite like it right now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="441"/>
        <source>Please wave to a member of staff; the call did not go through.</source>
        <translation>Please wave to a member of staff; the call did not go through.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="462"/>
        <source>My list from %1</source>
        <translation>My list from %1</translation>
    </message>
</context>
<context>
    <name>Shelves</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="34"/>
        <source>Time to restock</source>
        <translation>Time to restock</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="35"/>
        <source>Goes with what you bought</source>
        <translation>Goes with what you bought</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="36"/>
        <source>New for you</source>
        <translation>New for you</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="37"/>
        <source>Staff pick</source>
        <translation>Staff pick</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="38"/>
        <source>Popular in this store</source>
        <translation>Popular in this store</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="39"/>
        <source>In season</source>
        <translation>In season</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="40"/>
        <source>More like this</source>
        <translation>More like this</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="99"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="111"/>
        <source>Staff sign-in: type your PIN</source>
        <translation>Staff sign-in: type your PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="113"/>
        <source>Your staff PIN</source>
        <translation>Your staff PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="114"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="115"/>
        <source>Delete a digit</source>
        <translation>Delete a digit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/signin.py" line="116"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>SpendChart</name>
    <message>
        <location filename="../../kiosk/ui/staff/screens/chart.py" line="50"/>
        <source>No purchases in the last 24 months.</source>
        <translation>No purchases in the last 24 months.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/chart.py" line="54"/>
        <source>Spend per month: %1 in all over %2 months; most in %3 (%4).</source>
        <translation>Spend per month: %1 in all over %2 months; most in %3 (%4).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screens/chart.py" line="59"/>
        <source>Spend per month</source>
        <translation>Spend per month</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../kiosk/ui/presenters/staff_gate.py" line="39"/>
        <source>Please try again.</source>
        <translation>Please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/staff_gate.py" line="52"/>
        <source>Too many wrong PINs. Try again in %1 minute(s).</source>
        <translation>Too many wrong PINs. Try again in %1 minute(s).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/staff_gate.py" line="54"/>
        <source>Wrong PIN.</source>
        <translation>Wrong PIN.</translation>
    </message>
</context>
<context>
    <name>StaffHelp</name>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="61"/>
        <source>Help requests need head office, and this tablet has none set up. Shoppers who ask are sent to the till.</source>
        <extracomment>how often the waiting list is refreshed while someone is signed in (ms)</extracomment>
        <translation>Help requests need head office, and this tablet has none set up. Shoppers who ask are sent to the till.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="119"/>
        <source>a shopper</source>
        <translation>a shopper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="121"/>
        <source>You took it: %1 is waiting at %2.</source>
        <translation>You took it: %1 is waiting at %2.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="129"/>
        <source>Someone else took it first.</source>
        <translation>Someone else took it first.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/presenters/help.py" line="137"/>
        <source>Head office is out of reach, so help requests cannot be shown. Shoppers who ask are sent to the till.</source>
        <translation>Head office is out of reach, so help requests cannot be shown. Shoppers who ask are sent to the till.</translation>
    </message>
</context>
<context>
    <name>StaffTexts</name>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="28"/>
        <source>Lapsing</source>
        <translation>Lapsing</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="29"/>
        <source>Recently seen</source>
        <translation>Recently seen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="30"/>
        <source>Saved, not bought</source>
        <translation>Saved, not bought</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="31"/>
        <source>High value</source>
        <translation>High value</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="38"/>
        <source>from the shopper</source>
        <translation>from the shopper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="39"/>
        <source>from staff</source>
        <translation>from staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="40"/>
        <source>inferred from what they bought</source>
        <translation>inferred from what they bought</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="47"/>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="48"/>
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="49"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="50"/>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="63"/>
        <source>opened the profile</source>
        <translation>opened the profile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="64"/>
        <source>searched</source>
        <translation>searched</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="65"/>
        <source>wrote a note</source>
        <translation>wrote a note</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="66"/>
        <source>picked an item</source>
        <translation>picked an item</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="67"/>
        <source>pinned an item</source>
        <translation>pinned an item</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="68"/>
        <source>hid an item</source>
        <translation>hid an item</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="69"/>
        <source>changed a preference</source>
        <translation>changed a preference</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="70"/>
        <source>changed the advisor</source>
        <translation>changed the advisor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="71"/>
        <source>removed a pick</source>
        <translation>removed a pick</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="72"/>
        <source>looked at the recommenders&apos; picks</source>
        <translation>looked at the recommenders&apos; picks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="73"/>
        <source>sent a message</source>
        <translation>sent a message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="74"/>
        <source>scanned their card</source>
        <translation>scanned their card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="75"/>
        <source>read who opened the profile</source>
        <translation>read who opened the profile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="76"/>
        <source>signed in</source>
        <translation>signed in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="77"/>
        <source>signed out</source>
        <translation>signed out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="104"/>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="110"/>
        <source>stock unknown</source>
        <translation>stock unknown</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="112"/>
        <source>out of stock here</source>
        <translation>out of stock here</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="114"/>
        <source>%1 in stock</source>
        <translation>%1 in stock</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="128"/>
        <source>Aisle %1</source>
        <translation>Aisle %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/texts.py" line="129"/>
        <source>Aisle %1, bay %2</source>
        <translation>Aisle %1, bay %2</translation>
    </message>
</context>
<context>
    <name>StaffWindow</name>
    <message>
        <location filename="../../kiosk/ui/staff/window.py" line="219"/>
        <source>Sorry, something went wrong. Please try again.</source>
        <extracomment>screens reached from the bar, and the bar button lit for each screen</extracomment>
        <translation>Sorry, something went wrong. Please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/window.py" line="243"/>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="87"/>
        <source>Aisle %1, bay %2</source>
        <translation>Aisle %1, bay %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="93"/>
        <source>Ask us if it is in stock</source>
        <translation>Ask us if it is in stock</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="95"/>
        <source>Not in this store</source>
        <translation>Not in this store</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="97"/>
        <source>In stock, %1</source>
        <translation>In stock, %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="98"/>
        <source>In stock</source>
        <translation>In stock</translation>
    </message>
</context>
<context>
    <name>Themes</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="175"/>
        <location filename="../../kiosk/ui/texts.py" line="195"/>
        <source>Christmas</source>
        <translation>Christmas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="176"/>
        <source>kitchen</source>
        <translation>kitchen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="177"/>
        <source>bags</source>
        <translation>bags</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="178"/>
        <source>candles and lights</source>
        <translation>candles and lights</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="179"/>
        <source>stationery</source>
        <translation>stationery</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="180"/>
        <source>garden</source>
        <translation>garden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="181"/>
        <source>home decor</source>
        <translation>home decor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="182"/>
        <source>party</source>
        <translation>party</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="183"/>
        <source>toys and games</source>
        <translation>toys and games</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="184"/>
        <source>jewellery</source>
        <translation>jewellery</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="185"/>
        <source>bathroom</source>
        <translation>bathroom</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="186"/>
        <source>storage</source>
        <translation>storage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="187"/>
        <source>other gifts</source>
        <translation>other gifts</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="74"/>
        <source>up to %1</source>
        <translation>up to %1</translation>
    </message>
</context>
</TS>
