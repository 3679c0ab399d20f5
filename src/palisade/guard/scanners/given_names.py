"""Common given names (lower case), for the best-effort PERSON detector in ``pii``.

Written for this project from general knowledge, across the languages Palisade's users write in (English,
Nordic, German, Dutch, French, Italian, Spanish, Portuguese, Slavic, Hungarian, Baltic, Greek, Turkish,
Arabic, Indian, Japanese, Chinese, Korean). Names that are also ordinary English or tech words (Will, Mark,
Grant, May, Ruby, Chase, Jenkins...) are left out on purpose: a capitalised word alone must not become a name.
"""

from __future__ import annotations

__all__ = ["GIVEN_NAMES"]

_NAMES = """
aaron abdul abdullah abigail adam adrian adriana agnes ahmed ahmet aiden aino aisha akira aksel alan
albert alberto aleksander aleksandr aleksandra alessandra alessandro alessia alex alexander alexandra alexandre
alexei alfred alfredo ali alice alicia alina alisha amanda amelia amina amir amit amy ana anastasia anders
andrea andreas andrei andrej andrew andrzej aneta angela angelika angelo anita anja ann anna anne annette
annika anouk ansgar anthony antoine anton antonio anya arjun arne arnold arthur arvid asa asha ashley astrid
asuka axel ayumi barbara bart beata beatrix beatriz ben benedikt benjamin bernard bernd bettina
bianca birgit bjorn bogdan boris brandon brenda brian brigitte britt brittany bruno bryan camila camille
carina carl carla carlos carmen carolina caroline casper catherine cecilia celine charles charlotte chen
chiara chloe chris christian christina christine christoph christopher claire clara claudia claudio colin
connor constantin cora cornelia cristina csaba dagmar daisuke dalia damian dan dana daniel daniela
danielle danuta dario darius david debora deborah denis dennis derek diana diego dieter dimitri dimitrios
dmitri dmitry dominik dominika donald dorota dorothy douglas edith eduardo edward edvard edyta eero
 einar elena eleni elias elif elin elisa elisabeth eliska elizabeth elke ella ellen elsa emil emilia
emilie emily emma emmanuel enrico enrique erik erika erin ernst esben esther ethan eva evelina
evelyn fabian fabio fatima federica federico felix fernanda fernando filip filippo finn fiona florian
francesca francesco francisco franz freya frida friedrich fumiko gabriel gabriela gabriele
gabriella gary georg george georgios gerhard giorgos giovanni gisela giulia giulio giuseppe gladys
gonzalo gordon gregor gregory greta gudrun guillaume gunnar gustav gustavo haakon hana hanna hannah hannes
hans harald haruki harry hasan hassan heidi heike heinrich heinz helen helena helga henning henri henrik
henry herbert hilda hiroshi hiroki holger hyun ibrahim ida igor ilse ilya inga inge ingrid
ioana irina isabel isabella isabelle ivan ivana jacob jakob jakub james jana janina janne janusz jaroslav
jason javier jean jelena jennifer jens jeremy jerzy jessica jiri joachim joanna joao jochen johan johanna
johannes john jonas jonathan jorge jose josef joseph joshua juan judith julian juliana julie julien
jurgen justin jussi kamila karen karin karina karl karolina kasper katarina katarzyna kate katharina
katherine kathrin katie katja katrin kazuki keiko kelly kenji kerstin kevin kim kirsten klaus kristian
kristina kristof krisztian krzysztof kuba kurt lars laura laure lauren laurent lea lena leo leon leonardo
leonie leticia liam lina linda lisa liv lorenzo lori lotte louis louise luca lucas lucia luis luisa lukas
luke lydia magda magdalena magnus maja malgorzata manfred manuel manuela marc marcel marcin marco marcus
margaret margit maria mariana marie marina mario marion marius marja marta martin martina mary maryam
mateusz mathias matias matteo matthew matthias maxim maximilian mehmet melanie melvin mette mia michael
michal michel michele michelle miguel mika mikael mikhail mikko milena miriam mohamed mohammad
mohammed monika monique moritz mustafa nadia nadine naoki naomi natalia natalie natasha nathalie
nicola nicolas nicole niels nikita niklas nikola nikolai nikolaos nils nina noah noemi nora norbert 
ola olaf olga oliver olivia omar oscar oskar otto pablo paola patricia patrick paul paula paulo pavel
pawel pedro peter petr petra philip philipp philippe pia pierre piotr priya rachel rafael rafal
rahul raj rajesh ralf ramon rania raphael rebecca reinhard renata rene ricardo riccardo richard rikke rita
robert roberta roberto robin rodrigo roger roland rosa ruth ryan sabine sabrina sahar sakura samantha
samir samuel sandra sara sarah sascha satoshi sebastian selma sergei sergey sergio shinji shirin siddharth
siegfried silvana silvia simon simona simone sofia sofie sonja sophia sophie stefan stefania stefano
steffen stephan stephanie steven susanne sven svetlana sylvia takashi takeshi tamara tanja tatiana
tatjana teresa thaddeus theresa thomas thorsten tiina timo tobias tomas tomasz tomoko toni torsten 
ulrich ulrike ursula uta valentina valeria valerie vanessa vasily vera veronika victoria viktor viktoria
 vilma vincent vincenzo vivian vladimir walter wei werner wiktoria wilhelm wim wojciech wolfgang
xavier xin yan yasmin yelena yuki yuko yulia yuri yusuf yves zofia zoltan zoran zsofia zuzana tom sam tim jim joe
"""

# More origins: West, East and Southern Africa, South and South-East Asia, the Middle East and Iran, Latin
# America, Ireland and Scotland, Eastern Europe, Israel, romanised East Asian names. Stored without accents,
# as the detector compares folded words (``jiří`` → ``jiri``); names that are tech or cloud words (Aurora,
# Athena, Hugo, Julia, Ada, Cassandra) stay out.
_MORE = """
abebe abena abimbola abiodun abiola abubakar adaeze adaku adama adebayo adeola adewale adunni afia afua
akosua akua amara amarachi aminata amadou ayodele azubuike babajide babatunde bolanle chiamaka
chidi chidinma chika chinedu chinonso chinwe chioma chukwuemeka chukwudi dayo ebere efua ekene emeka
 femi folake funmilayo funke ifeoma ifeanyi ikechukwu kayode kehinde kofi kojo kwabena kwadwo kwaku
kwame kwasi mamadou moussa ngozi nkechi nnamdi obinna ola olamide olawale olufemi olumide oluwaseun
oluwatobi onyeka osagie segun seun sekou taiwo temitope tendai thabo themba tunde uchenna yetunde
zainab abdi amani baraka wanjiru wambui wanjiku njeri kamau otieno ochieng akinyi achieng atieno mwangi
njoroge kipchoge chebet jelagat zawadi neema imani rehema juma hassani bekele selam selamawit tesfaye
tigist meseret yohannes dawit almaz hiwot mulugeta tsegaye lerato thandiwe nomvula sipho bongani zanele
aarav aditi aditya akash amitabh ananya anil anjali ankit anupam arnav aryan ashok bhavna chandra
deepa deepak devika dhruv divya gaurav geeta harish harpreet ishaan jaspreet karan kavita kiran krishna
kunal lakshmi madhu mahesh manish meera mohan neha nikhil nisha pooja pradeep pranav preeti rajat ramesh
ravi rekha rohit sachin sanjay sarita shreya shweta sneha sunil sunita suresh swati tanvi tarun usha
varun vijay vikram vinod vivek yash ayesha bilal fahad faisal hamza imran kashif nadia saima sana
shahid tariq usman zara farhan rashid anwar jahangir kamal rahim rubina shirin
wei jiahao jiawei xiuying xiaoming xiaohong yuxuan zihan haoran yichen xiao
haruto yui sota hinata riku yuto aoi kaito hiroshi yumi yuka kaori takumi daiki hikaru
minjun seoyeon jiwoo jihoon seojun hayun jiho yejin minji soyeon eunji hyunwoo jisoo
huong minh thanh thao linh trang tuan quang phuong duc hoang nguyet ngoc maricel rizal jericho
putri dewi sri wulan ayu budi agus eko rizki siti nurul aditya bayu
layla leila rania youssef yousef karim khaled khalid mahmoud mustapha nour noor salma samira tarek walid
zeynep emre elif mert burak cem deniz ebru esra hakan kerem murat ozan selin serkan tolga yasemin
dariush darius farid farhad kian mehdi parisa reza roya saeed shahram soheila
noa yossi itai tamar yael oren eitan shira ariel ilan liat maya
guadalupe ximena alejandro camila valentina mateo santiago sebastian diego luciana florencia agustina
jimena renata catalina emiliano leonardo rodrigo thiago joao ana fernanda gabriela larissa leticia
rafaela vinicius gustavo matheus enzo lorenzo caio
siobhan aoife niamh saoirse ciara orla roisin padraig seamus eoin cathal cormac ronan tadhg oisin
ewan callum hamish iain fraser morag eilidh catriona
andreea mihai ionut bogdan cristian alina ioana florin radu dorin ileana
zsofia bence csilla gergely katalin laszlo peter reka szabolcs tamas
jiri tereza lucie petra vojtech ondrej karel zdenek
lukasz agnieszka katarzyna malgorzata grzegorz kamil mariusz pawel slawomir wojciech zbigniew
olena oleksandr oleksii taras bohdan mykola iryna yaroslav dmytro nataliya oksana
sigridur gudrun bjork kristjan einar helgi
"""

GIVEN_NAMES: frozenset[str] = frozenset(_NAMES.split()) | frozenset(_MORE.split())
