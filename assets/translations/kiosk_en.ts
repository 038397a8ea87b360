<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="90"/>
        <source>Scan your loyalty code</source>
        <translation>Scan your loyalty code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="91"/>
        <source>Hold your code under the scanner, or type the short code below.</source>
        <translation>Hold your code under the scanner, or type the short code below.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="93"/>
        <source>Just browsing</source>
        <translation>Just browsing</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="94"/>
        <source>Join: get your own picks</source>
        <translation>Join: get your own picks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="95"/>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="96"/>
        <source>Popular here</source>
        <translation>Popular here</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="116"/>
        <source>Getting personal picks ready… %1%</source>
        <translation>Getting personal picks ready… %1%</translation>
    </message>
</context>
<context>
    <name>Card</name>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="142"/>
        <source>Why this? %1</source>
        <translation>Why this? %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="145"/>
        <source>Picture of %1</source>
        <translation>Picture of %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="146"/>
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="146"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="147"/>
        <source>Save %1</source>
        <translation>Save %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="149"/>
        <source>Not for me</source>
        <translation>Not for me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="150"/>
        <source>Not for me: %1</source>
        <translation>Not for me: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="151"/>
        <source>More like this</source>
        <translation>More like this</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card.py" line="152"/>
        <source>More like %1</source>
        <translation>More like %1</translation>
    </message>
</context>
<context>
    <name>Consents</name>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="19"/>
        <source>Use what I buy to suggest things for me</source>
        <translation>Use what I buy to suggest things for me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="21"/>
        <source>Let staff see my picks to help me in the shop</source>
        <translation>Let staff see my picks to help me in the shop</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="23"/>
        <source>Send me offers from head office</source>
        <translation>Send me offers from head office</translation>
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
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="50"/>
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="51"/>
        <source>To keep your details private, this kiosk will start over in %1 seconds.</source>
        <translation>To keep your details private, this kiosk will start over in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="53"/>
        <source>I&apos;m still here</source>
        <translation>I&apos;m still here</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/idle.py" line="54"/>
        <source>Start over now</source>
        <translation>Start over now</translation>
    </message>
</context>
<context>
    <name>JoinPresenter</name>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="36"/>
        <source>Please use a shorter first name (40 letters at most).</source>
        <translation>Please use a shorter first name (40 letters at most).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="53"/>
        <source>Signing up is not available at this kiosk. You can still look around as a guest.</source>
        <translation>Signing up is not available at this kiosk. You can still look around as a guest.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/join.py" line="57"/>
        <source>We could not sign you up just now. Please ask a member of staff.</source>
        <translation>We could not sign you up just now. Please ask a member of staff.</translation>
    </message>
</context>
<context>
    <name>JoinScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="114"/>
        <source>Before we start</source>
        <translation>Before we start</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="115"/>
        <source>Choose what we may do. You can change this any time in My data.</source>
        <translation>Choose what we may do. You can change this any time in My data.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="117"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="119"/>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="120"/>
        <source>Get your own code for personal picks. Your first name is optional; we never need your surname.</source>
        <translation>Get your own code for personal picks. Your first name is optional; we never need your surname.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="122"/>
        <source>Join and get my code</source>
        <translation>Join and get my code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="123"/>
        <location filename="../../kiosk/ui/screens/join.py" line="124"/>
        <source>First name (optional)</source>
        <translation>First name (optional)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="126"/>
        <source>Your profile (your first name, what you like and these answers) is kept by our head office, so your code and your profile work in all our stores.</source>
        <translation>Your profile (your first name, what you like and these answers) is kept by our head office, so your code and your profile work in all our stores.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="131"/>
        <source>Your short code: %1</source>
        <translation>Your short code: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="133"/>
        <source>This is your code. Take a photo of it, or type the short code next time.</source>
        <translation>This is your code. Take a photo of it, or type the short code next time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="135"/>
        <source>QR code of your new loyalty code</source>
        <translation>QR code of your new loyalty code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="136"/>
        <source>See my picks</source>
        <translation>See my picks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/join.py" line="137"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>KeypadWidget</name>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="66"/>
        <source>Keypad for the code printed on your card</source>
        <translation>Keypad for the code printed on your card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="67"/>
        <source>No camera handy? Type the code printed under the QR code.</source>
        <translation>No camera handy? Type the code printed under the QR code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="69"/>
        <source>Type %1</source>
        <translation>Type %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="70"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="71"/>
        <source>Delete the last character</source>
        <translation>Delete the last character</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="72"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="73"/>
        <source>Clear the code</source>
        <translation>Clear the code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="74"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="75"/>
        <source>Use this code</source>
        <translation>Use this code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/scanning/keypad.py" line="110"/>
        <source>Code typed so far: %1</source>
        <translation>Code typed so far: %1</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../kiosk/ui/window.py" line="213"/>
        <source>Done. We have erased everything about you.</source>
        <translation>Done. We have erased everything about you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="301"/>
        <source>Sorry, something went wrong. Please try again, or ask a member of staff.</source>
        <translation>Sorry, something went wrong. Please try again, or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="339"/>
        <location filename="../../kiosk/ui/app.py" line="109"/>
        <source>Personal Shopper</source>
        <translation>Personal Shopper</translation>
    </message>
</context>
<context>
    <name>MyDataPresenter</name>
    <message>
        <location filename="../../kiosk/ui/presenters/mydata.py" line="65"/>
        <source>That did not work. Nothing was changed. Please try again.</source>
        <translation>That did not work. Nothing was changed. Please try again.</translation>
    </message>
</context>
<context>
    <name>MyDataScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="226"/>
        <source>My data</source>
        <translation>My data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="227"/>
        <source>Back to my picks</source>
        <translation>Back to my picks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="228"/>
        <source>What we know, and why</source>
        <translation>What we know, and why</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="231"/>
        <source>What I like</source>
        <translation>What I like</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="232"/>
        <source>Themes</source>
        <translation>Themes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="235"/>
        <source>Colours</source>
        <translation>Colours</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="237"/>
        <source>red</source>
        <translation>red</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="237"/>
        <source>pink</source>
        <translation>pink</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="237"/>
        <source>blue</source>
        <translation>blue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="238"/>
        <source>green</source>
        <translation>green</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="238"/>
        <source>white</source>
        <translation>white</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="238"/>
        <source>black</source>
        <translation>black</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="239"/>
        <source>gold</source>
        <translation>gold</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="239"/>
        <source>silver</source>
        <translation>silver</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="243"/>
        <source>My budget for one item</source>
        <translation>My budget for one item</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="247"/>
        <source>Any price</source>
        <translation>Any price</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="248"/>
        <source>Up to £%1</source>
        <translation>Up to £%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="252"/>
        <source>What you allow</source>
        <translation>What you allow</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="255"/>
        <source>Pause my personal picks for now</source>
        <translation>Pause my personal picks for now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="256"/>
        <source>Forget me</source>
        <translation>Forget me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="257"/>
        <source>Erase everything about me</source>
        <translation>Erase everything about me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="258"/>
        <source>This deletes your purchases, likes and list from this store for good, and asks head office to do the same. Your code will stop working.</source>
        <translation>This deletes your purchases, likes and list from this store for good, and asks head office to do the same. Your code will stop working.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="261"/>
        <source>Yes, erase everything</source>
        <translation>Yes, erase everything</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="262"/>
        <source>No, keep my data</source>
        <translation>No, keep my data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="306"/>
        <source>A note from our staff (%1): %2</source>
        <translation>A note from our staff (%1): %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="311"/>
        <source>No member of staff has looked at your profile.</source>
        <translation>No member of staff has looked at your profile.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="316"/>
        <source>Staff looked at your profile %1 time(s), lately: %2</source>
        <translation>Staff looked at your profile %1 time(s), lately: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="326"/>
        <source>Your first name: %1</source>
        <translation>Your first name: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="333"/>
        <source>Purchases we use for your picks: %1</source>
        <translation>Purchases we use for your picks: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="343"/>
        <source>Most recently: %1</source>
        <translation>Most recently: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="348"/>
        <source>What you told us you like: %1</source>
        <translation>What you told us you like: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="350"/>
        <source>Your reactions to picks: %1</source>
        <translation>Your reactions to picks: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="351"/>
        <source>Saved items: %1</source>
        <translation>Saved items: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="352"/>
        <source>Items you said are not for you: %1</source>
        <translation>Items you said are not for you: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/mydata.py" line="362"/>
        <source>We use these only to suggest things you may like, in any of our stores: your profile is kept by our head office. You can change or erase them here at any time.</source>
        <translation>We use these only to suggest things you may like, in any of our stores: your profile is kept by our head office. You can change or erase them here at any time.</translation>
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
        <location filename="../../kiosk/ui/screens/picks.py" line="223"/>
        <location filename="../../kiosk/ui/screens/picks.py" line="307"/>
        <source>My list (%1)</source>
        <translation>My list (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="225"/>
        <source>My data</source>
        <translation>My data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="226"/>
        <source>Ask for help</source>
        <translation>Ask for help</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="227"/>
        <source>I&apos;m done</source>
        <translation>I&apos;m done</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="233"/>
        <location filename="../../kiosk/ui/screens/picks.py" line="242"/>
        <source>Finding your picks…</source>
        <translation>Finding your picks…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/picks.py" line="289"/>
        <source>Nothing to suggest right now. Have a look around!</source>
        <translation>Nothing to suggest right now. Have a look around!</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="73"/>
        <location filename="../../kiosk/ui/screens/pin.py" line="74"/>
        <source>Staff PIN</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="75"/>
        <source>Delete a digit</source>
        <translation>Delete a digit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="76"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="77"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PluginScreenHost</name>
    <message>
        <location filename="../../kiosk/ui/window.py" line="76"/>
        <source>This part of the kiosk is not available right now.</source>
        <translation>This part of the kiosk is not available right now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="81"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="73"/>
        <location filename="../../kiosk/ui/texts.py" line="127"/>
        <source>Suggested for you.</source>
        <translation>Suggested for you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="89"/>
        <source>You buy this about every {days} days; last time on {date}.</source>
        <translation>You buy this about every {days} days; last time on {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="92"/>
        <source>You bought this on {date}. Time to restock?</source>
        <translation>You bought this on {date}. Time to restock?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="95"/>
        <source>Goes with the {name} you bought on {date}.</source>
        <translation>Goes with the {name} you bought on {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="99"/>
        <source>Shoppers who buy what you buy also like this.</source>
        <translation>Shoppers who buy what you buy also like this.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="102"/>
        <source>You like {theme} things.</source>
        <translation>You like {theme} things.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="105"/>
        <source>In {colour}, a colour you like.</source>
        <translation>In {colour}, a colour you like.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="108"/>
        <source>Like the {name} you bought.</source>
        <translation>Like the {name} you bought.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="110"/>
        <source>Like other things you have chosen.</source>
        <translation>Like other things you have chosen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="112"/>
        <source>Popular in this store over the last {days} days.</source>
        <translation>Popular in this store over the last {days} days.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="115"/>
        <source>Selling fast this week.</source>
        <translation>Selling fast this week.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="117"/>
        <source>In season: {season}.</source>
        <translation>In season: {season}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="119"/>
        <source>Picked for you by {name}.</source>
        <translation>Picked for you by {name}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="125"/>
        <source>Like the {name} you asked about.</source>
        <translation>Like the {name} you asked about.</translation>
    </message>
</context>
<context>
    <name>SavedScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="74"/>
        <source>My list</source>
        <translation>My list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="75"/>
        <source>Back to my picks</source>
        <translation>Back to my picks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="76"/>
        <source>Remove from my list</source>
        <translation>Remove from my list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="77"/>
        <source>Take it with you</source>
        <translation>Take it with you</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="78"/>
        <source>Scan this with your phone&apos;s camera to keep your list.</source>
        <translation>Scan this with your phone&apos;s camera to keep your list.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="79"/>
        <source>Print my list</source>
        <translation>Print my list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="80"/>
        <source>Nothing saved yet. Tap Save on a pick to add it here.</source>
        <translation>Nothing saved yet. Tap Save on a pick to add it here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="82"/>
        <source>Saved items</source>
        <translation>Saved items</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/saved.py" line="83"/>
        <source>QR code of my list</source>
        <translation>QR code of my list</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="25"/>
        <source>We don&apos;t know this code. Check it, or join to get your own.</source>
        <translation>We don&apos;t know this code. Check it, or join to get your own.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="27"/>
        <source>We don&apos;t know this code. Please check it, or ask a member of staff.</source>
        <translation>We don&apos;t know this code. Please check it, or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="29"/>
        <source>This card has been replaced. Please ask a member of staff.</source>
        <translation>This card has been replaced. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="31"/>
        <source>We couldn&apos;t read this code. Please ask a member of staff.</source>
        <translation>We couldn&apos;t read this code. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="33"/>
        <source>That doesn&apos;t look like one of our codes. Please try again.</source>
        <translation>That doesn&apos;t look like one of our codes. Please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="35"/>
        <source>Too many tries. Please wait a minute and scan again.</source>
        <translation>Too many tries. Please wait a minute and scan again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="38"/>
        <source>Something went wrong reading your code. Please try again or ask a member of staff.</source>
        <translation>Something went wrong reading your code. Please try again or ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="46"/>
        <source>%1 is coming.</source>
        <translation>%1 is coming.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="48"/>
        <source>We&apos;ve asked our staff; please wait here.</source>
        <translation>We&apos;ve asked our staff; please wait here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="49"/>
        <source>No one is free right now; please ask at the till.</source>
        <translation>No one is free right now; please ask at the till.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="59"/>
        <source>We can&apos;t reach your profile right now. Here are this store&apos;s picks.</source>
        <extracomment>how often the kiosk asks head office whether someone took the request (ms)</extracomment>
        <translation>We can&apos;t reach your profile right now. Here are this store&apos;s picks.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="114"/>
        <source>Hi %1</source>
        <translation>Hi %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="116"/>
        <source>Welcome! Have a look around</source>
        <translation>Welcome! Have a look around</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="117"/>
        <source>Picks for you</source>
        <translation>Picks for you</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="212"/>
        <source>Your personal picks are not ready yet, so here is what is popular in this store.</source>
        <translation>Your personal picks are not ready yet, so here is what is popular in this store.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="222"/>
        <source>Our suggestions are taking a short break. Please ask a member of staff.</source>
        <translation>Our suggestions are taking a short break. Please ask a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="294"/>
        <source>We have nothing quite like it right now.</source>
        <translation>We have nothing quite like it right now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="321"/>
        <source>Please wave to a member of staff; the call did not go through.</source>
        <translation>Please wave to a member of staff; the call did not go through.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/session.py" line="342"/>
        <source>My list from %1</source>
        <translation>My list from %1</translation>
    </message>
</context>
<context>
    <name>Shelves</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="33"/>
        <source>Time to restock</source>
        <translation>Time to restock</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="34"/>
        <source>Goes with what you bought</source>
        <translation>Goes with what you bought</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="35"/>
        <source>New for you</source>
        <translation>New for you</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="36"/>
        <source>Staff pick</source>
        <translation>Staff pick</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="37"/>
        <source>Popular in this store</source>
        <translation>Popular in this store</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="38"/>
        <source>In season</source>
        <translation>In season</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="39"/>
        <source>More like this</source>
        <translation>More like this</translation>
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
        <location filename="../../kiosk/ui/presenters/staff_gate.py" line="46"/>
        <source>Too many wrong PINs. Try again in %1 minute(s).</source>
        <translation>Too many wrong PINs. Try again in %1 minute(s).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/presenters/staff_gate.py" line="50"/>
        <source>Wrong PIN.</source>
        <translation>Wrong PIN.</translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="62"/>
        <source>Ask us if it is in stock</source>
        <translation>Ask us if it is in stock</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="64"/>
        <source>Not in this store</source>
        <translation>Not in this store</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="66"/>
        <source>In stock, %1</source>
        <translation>In stock, %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="67"/>
        <source>In stock</source>
        <translation>In stock</translation>
    </message>
</context>
<context>
    <name>Themes</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="132"/>
        <source>Christmas</source>
        <translation>Christmas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="133"/>
        <source>kitchen</source>
        <translation>kitchen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="134"/>
        <source>bags</source>
        <translation>bags</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="135"/>
        <source>candles and lights</source>
        <translation>candles and lights</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="136"/>
        <source>stationery</source>
        <translation>stationery</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="137"/>
        <source>garden</source>
        <translation>garden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="138"/>
        <source>home decor</source>
        <translation>home decor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="139"/>
        <source>party</source>
        <translation>party</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="140"/>
        <source>toys and games</source>
        <translation>toys and games</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="141"/>
        <source>jewellery</source>
        <translation>jewellery</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="142"/>
        <source>bathroom</source>
        <translation>bathroom</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="143"/>
        <source>storage</source>
        <translation>storage</translation>
    </message>
</context>
</TS>
