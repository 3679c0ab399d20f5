"""The core attack moves written in other languages: drop your instructions, reveal your prompt, enter an
unrestricted mode. An English-only detector is bypassed by translating the attack.

Latin-script patterns are written without accents (they match the normalized view, which strips them);
other scripts match the ``native`` view (no look-alike folding), or ``normalized`` when the text needs none.
Only literal spaces separate words in these patterns.
"""

from __future__ import annotations

import re

from palisade.guard.scanners._pi._anchors import Anchored

__all__ = ["LATIN", "OTHER"]

_LATIN: dict[str, tuple[str, ...]] = {
    # Spanish
    "es": (
        r"\b(?:ignora|ignore|ignoren|ignorar|olvida|olvide|olviden|olvidar|descarta|omite|no sigas|deja de seguir) "
        r"(?:todas? |todo |cualquier )?(?:las? |los |tus |sus |mis )?(?:instrucciones|indicaciones|ordenes|directrices|"
        r"reglas|normas|restricciones)(?: (?:anteriores|previas|de arriba|del sistema|originales|iniciales))?",
        r"\b(?:muestra|muestrame|revela|revelame|repite|imprime|dime|ensename|escribe) (?:me )?(?:tu|el|su|las|tus) "
        r"(?:prompt|mensaje|instrucciones) (?:del sistema|de sistema|inicial(?:es)?|original(?:es)?|ocultas?)",
        r"\b(?:muestrame|dime|imprime|revela|dame|ensename|traduce|repite)\b.{0,40}\b(?:variables de entorno|"
        r"(?:el |tu |los |tus )?(?:tokens?|claves?|contrasenas?|credenciales)(?: de github| de api)?) (?:que (?:usas|utilizas|"
        r"tienes)|del sistema)|\b(?:traduce|repite|escribe)\b.{0,40}\binstrucciones que te (?:dieron|han dado)\b",
        r"\b(?:modo (?:desarrollador|administrador|sin restricciones|sin censura|dios|dan)|sin (?:ninguna )?"
        r"(?:restriccion|restricciones|censura|filtros|limites) (?:eticas?|morales?|de seguridad)?)\b",
        r"\b(?:haz caso omiso|no hagas caso|no hagan caso|desobedece|saltate|saltense|omite|desactiva) (?:de |a )?"
        r"(?:todas? |todos )?(?:las |los |tus |sus )?(?:instrucciones|indicaciones|directrices|reglas|normas|"
        r"restricciones|filtros|protecciones|salvaguardas|politicas)\b|"
        r"\b(?:olvida|olvidate de|ignora|no hagas caso a|haz caso omiso a) (?:todo )?lo que te (?:dijeron|han dicho|"
        r"indicaron|ensenaron|programaron|pidieron)\b|"
        r"\b(?:a partir de ahora|desde ahora|de ahora en adelante)\b.{0,40}\b(?:no tienes (?:reglas|restricciones|"
        r"limites|filtros)|eres (?:un |una )?(?:\w+ )?(?:sin (?:restricciones|reglas|filtros|limites)|libre))|"
        r"\bya no tienes (?:que seguir )?(?:reglas|restricciones|limites|filtros|normas)\b",
    ),
    # Code-switching: an override verb of one language with the instruction noun of another
    "mixed": (
        r"\b(?:ignora|ignorad|ignoren|olvida|olvidate de|olvidad|omite|oublie|oubliez|vergiss|vergesst|"
        r"ignoriere|dimentica|dimenticate|esqueca|esquece|negeer|vergeet|uita|saltate|haz caso omiso (?:de|a)|"
        r"no hagas caso (?:de|a))\s+(?:\w+\s+){0,3}?(?:instructions?|rules|guidelines|directives|restrictions|"
        r"system prompt|prompt|policies|guardrails|safety rules)\b|"
        r"\b(?:ignore|forget|disregard|skip|drop)\s+(?:\w+\s+){0,3}?(?:instrucciones|reglas|directrices|"
        r"restricciones|normas|consignes|regles|anweisungen|regeln|istruzioni|regole|instrucoes|regras|"
        r"instructies|regels)\b|"
        r"\b(?:dimentica|ignora) (?:tutto )?(?:quello|cio) che ti (?:hanno detto|e stato detto)\b|"
        r"\b(?:oublie|oubliez) (?:tout )?ce (?:qu'?on t'?a|qu'?on vous a|que l'?on t'?a) dit\b|"
        r"\bvergiss (?:alles,? )?was (?:man dir|dir|sie dir) (?:gesagt|befohlen)",
    ),
    # French
    "fr": (
        r"\b(?:ignore|ignorez|ignorer|oublie|oubliez|oublier|ne tiens pas compte|ne tenez pas compte|"
        r"fais abstraction|faites abstraction) (?:de )?(?:toutes |tous )?(?:les |tes |vos |ces |des )"
        r"(?:instructions|consignes|directives|regles|ordres|restrictions)(?: (?:precedentes|anterieures|"
        r"ci-dessus|du systeme|systeme|initiales|originales))?",
        r"\b(?:montre|montrez|revele|revelez|repete|repetez|affiche|affichez|donne|donnez|ecris|ecrivez)(?:-moi)? "
        r"(?:moi )?(?:ton|votre|le|tes|vos|les) (?:prompt|message|instructions|consignes) (?:systeme|du systeme|"
        r"initial(?:es)?|d'origine|cache(?:es)?|secret(?:es)?)",
        r"\b(?:traduis|traduisez|repete|repetez|recite|recitez|ecris|ecrivez|montre|montrez)\b.{0,60}\b"
        r"(?:instructions|consignes|regles)\b.{0,40}\b(?:qu'?on t'?a donnees|qu'?on vous a donnees|recues|initiales|"
        r"d'origine|mot pour mot|du systeme)|\b(?:montre|affiche|donne)(?:-moi)?\b.{0,40}\b(?:variables "
        r"d'environnement|(?:le |ton |les |tes )?(?:jetons?|tokens?|cles?|mots de passe|identifiants))\b.{0,30}\b(?:que tu "
        r"utilises|de github)",
        r"\b(?:mode (?:developpeur|administrateur|sans restriction|sans censure|dieu|dan)|sans (?:aucune )?"
        r"(?:restriction|restrictions|censure|filtre|filtres|limite|limites) (?:ethiques?|morales?|de securite)?)\b",
    ),
    # German
    "de": (
        r"\b(?:ignoriere|ignorier|ignorieren sie|ignoriert|vergiss|vergessen sie|vergesst|missachte|"
        r"missachten sie|uberspringe) (?:bitte )?(?:alle |samtliche |jegliche )?(?:deine |ihre |die |eure )?"
        r"(?:vorherigen |bisherigen |obigen |vorigen |fruheren |ursprunglichen |system)?"
        r"(?:anweisungen|anordnungen|instruktionen|regeln|vorgaben|richtlinien|befehle|einschrankungen)",
        r"\b(?:zeig|zeige|zeigen sie|gib|geben sie|wiederhole|wiederholen sie|verrate|verraten sie|nenne|drucke|"
        r"schreib|schreibe)(?: mir)? (?:deinen |ihren |den |deine |ihre |die )?(?:system-?prompt|systemnachricht|"
        r"(?:ursprunglichen |geheimen |versteckten |internen )?(?:anweisungen|instruktionen))",
        r"\b(?:zeig|zeige|nenne|gib|ubersetze|wiederhole)\b.{0,40}\b(?:umgebungsvariablen|(?:den |dein |deine )?"
        r"(?:token|schlussel|passworter|zugangsdaten))\b.{0,30}\b(?:die du (?:nutzt|verwendest|hast)|von github)|"
        r"\b(?:ubersetze|wiederhole)\b.{0,40}\b(?:anweisungen|instruktionen)\b.{0,40}\b(?:die du (?:bekommen|"
        r"erhalten) hast|wortlich)",
        r"\b(?:entwicklermodus|administratormodus|admin-modus|gottmodus|ohne (?:jegliche |alle )?"
        r"(?:einschrankungen|beschrankungen|zensur|filter|regeln))\b",
    ),
    # Italian
    "it": (
        r"\b(?:ignora|ignorate|ignori|dimentica|dimenticate|dimentichi|trascura|non seguire) (?:tutte |tutti )?"
        r"(?:le |i |gli |tue |sue )?(?:tue |sue )?(?:istruzioni|indicazioni|regole|direttive|ordini|restrizioni)"
        r"(?: (?:precedenti|di sopra|del sistema|iniziali|originali))?",
        r"\b(?:mostra|mostrami|rivela|rivelami|ripeti|ripetimi|stampa|stampami|dimmi|scrivi|scrivimi) (?:il |le |tue |tuo |la )?"
        r"(?:tuo |tue )?(?:prompt|messaggio|istruzioni) (?:di sistema|del sistema|iniziali|originali|nascost[ei])",
        r"\b(?:modalita (?:sviluppatore|amministratore|senza restrizioni|senza censura|dio|dan)|senza (?:alcuna )?"
        r"(?:restrizione|restrizioni|censura|filtri|limiti) (?:etiche|morali|di sicurezza)?)\b",
    ),
    # Portuguese
    "pt": (
        r"\b(?:ignore|ignora|ignorem|ignorar|esqueca|esquece|esquecam|desconsidere|desconsidera|nao siga) "
        r"(?:todas |todos |qualquer )?(?:as |os |suas |seus |tuas )?(?:instrucoes|orientacoes|ordens|diretrizes|"
        r"regras|restricoes)(?: (?:anteriores|previas|acima|do sistema|iniciais|originais))?",
        r"\b(?:mostre|mostra|revele|revela|repita|repete|imprima|diga|escreva)(?:-me)? (?:o |a |as |os |seu |sua |"
        r"suas |teu |tua )?(?:seu |sua |suas )?(?:prompt|mensagem|instrucoes) (?:do sistema|de sistema|iniciais|"
        r"originais|ocultas|secretas)",
        r"\b(?:modo (?:desenvolvedor|administrador|sem restricoes|sem censura|deus|dan)|sem (?:nenhuma )?"
        r"(?:restricao|restricoes|censura|filtros|limites) (?:eticas?|morais|de seguranca)?)\b",
    ),
    # Dutch
    "nl": (
        r"\b(?:negeer|negeert|vergeet|veronachtzaam|sla over) (?:alle |al )?(?:je |jouw |uw |de |eerdere |vorige )?"
        r"(?:eerdere |vorige |bovenstaande |oorspronkelijke )?(?:instructies|aanwijzingen|regels|opdrachten|"
        r"richtlijnen|beperkingen)",
        r"\b(?:toon|laat zien|herhaal|geef|onthul|print)(?: me| mij)? (?:je |jouw |uw |de )?(?:systeemprompt|"
        r"systeembericht|(?:oorspronkelijke |verborgen |interne )?instructies)",
        r"\b(?:ontwikkelaarsmodus|beheerdersmodus|zonder (?:enige )?(?:beperkingen|censuur|filters|regels))\b",
    ),
    # Polish
    "pl": (
        r"\b(?:zignoruj|ignoruj|zignorujcie|zapomnij|zapomnijcie|pomin) (?:wszystkie |wszelkie )?(?:swoje |twoje |"
        r"poprzednie |wczesniejsze |powyzsze )?(?:poprzednie |wczesniejsze )?(?:instrukcje|polecenia|zasady|"
        r"reguly|wytyczne|ograniczenia)",
        r"\b(?:pokaz|ujawnij|powtorz|wypisz|podaj)(?: mi)? (?:swoj |twoj |swoje |twoje )?(?:prompt systemowy|"
        r"systemowy prompt|instrukcje systemowe|(?:ukryte |oryginalne |poczatkowe )instrukcje)",
        r"\b(?:tryb (?:dewelopera|programisty|administratora|bez ograniczen)|bez (?:zadnych )?(?:ograniczen|"
        r"cenzury|filtrow))\b",
    ),
    # Turkish (dotless i folds to i; accents stripped)
    "tr": (
        r"\b(?:onceki|yukaridaki|tum|butun|eski|sistem) (?:tum |butun )?(?:talimatlari|talimatlarini|"
        r"talimatlar|kurallari|kurallarini|komutlari|yonergeleri|yonergelerini) (?:gormezden gel|yok say|unut|"
        r"dikkate alma|ihmal et|atla)",
        r"\b(?:sistem (?:istemini|mesajini|talimatlarini)|gizli talimatlarini) (?:goster|yaz|tekrarla|"
        r"acikla|ver)",
        r"\b(?:gelistirici modu|yonetici modu|kisitlamasiz|sansursuz)\b",
    ),
    # Indonesian / Malay
    "id": (
        r"\b(?:abaikan|lupakan|jangan ikuti) (?:semua |seluruh )?(?:instruksi|perintah|aturan|petunjuk|arahan)"
        r"(?: (?:sebelumnya|di atas|sistem|awal))?",
        r"\b(?:tampilkan|tunjukkan|ulangi|cetak|berikan|beri tahu) (?:prompt sistem|instruksi (?:sistem|awal|"
        r"tersembunyi|rahasia)) (?:anda|kamu|mu)?",
        r"\b(?:mode pengembang|mode admin|tanpa (?:batasan|sensor|filter|aturan))\b",
    ),
    # Vietnamese
    "vi": (
        r"\b(?:bo qua|phot lo|quen|khong tuan theo|dung lam theo) (?:tat ca |moi |toan bo )?(?:cac )?"
        r"(?:huong dan|chi dan|chi thi|lenh|quy tac)(?: (?:truoc do|truoc|ben tren|he thong|ban dau))?",
        r"\b(?:hien thi|cho toi xem|lap lai|in ra|tiet lo) (?:loi nhac he thong|prompt he thong|huong dan "
        r"(?:he thong|ban dau|an))",
        r"\b(?:che do nha phat trien|khong (?:co )?(?:gioi han|kiem duyet|rang buoc))\b",
    ),
    # Swedish / Danish / Norwegian
    "sv": (
        r"\b(?:ignorera|glom|strunta i|ignorer|glem) (?:alla |all |dina |de |tidligere |tidigare )?"
        r"(?:tidigare |foregaende |ovanstaende |tidligere |forrige )?(?:instruktioner|instruktioner|"
        r"instrukser|instruksjoner|regler|direktiv|anvisninger|anvisningar)",
        r"\b(?:visa|upprepa|avsloja|vis|gjenta|avslor)(?: mig| meg)? (?:din |ditt |dina |dine )?(?:systemprompt|"
        r"systemmeddelande|systemmelding|(?:ursprungliga |skjulte |dolda )?(?:instruktioner|instruksjoner))",
        r"\b(?:utvecklarlage|utviklermodus|utviklermodus|utan (?:nagra )?(?:begransningar|restriktioner|censur)|"
        r"uten (?:noen )?(?:begrensninger|sensur))\b",
    ),
    # Finnish
    "fi": (
        r"\b(?:unohda|ohita|sivuuta|ala noudata|älä noudata) (?:kaikki )?(?:aiemmat |edelliset |aikaisemmat )?"
        r"(?:ohjeet|ohjeesi|ohjeita|saannot|saantosi|kaskyt)",
        r"\b(?:nayta|kerro|toista|tulosta) (?:minulle )?(?:jarjestelmakehotteesi|jarjestelmakehote|"
        r"alkuperaiset ohjeesi|piilotetut ohjeesi)",
    ),
    # Romanian / Czech / Hungarian (short forms)
    "ro-cs-hu": (
        r"\b(?:ignora|ignorati|uita) (?:toate )?(?:instructiunile|regulile|comenzile)(?: (?:anterioare|de mai sus))?",
        r"\b(?:ignoruj|ignorujte|zapomen|zapomente) (?:na )?(?:vsechny |sva |svoje |tvoje )?(?:predchozi |puvodni )?"
        r"(?:pokyny|instrukce|pravidla)",
        r"\b(?:hagyd figyelmen kivul|felejtsd el|ignorald) (?:az )?(?:osszes )?(?:korabbi |elozo )?"
        r"(?:utasitast|utasitasokat|szabalyokat)",
    ),
}

_OTHER: dict[str, tuple[str, ...]] = {
    # Russian / Ukrainian
    "ru-uk": (
        r"(?:игнорируй|игнорируйте|проигнорируй|проигнорируйте|забудь|забудьте|не обращай внимания на|"
        r"не обращайте внимания на|отбрось|отмени|ігноруй|ігноруйте|проігноруй|забудь|забудьте|не зважай на) "
        r"(?:все |всё |всі |любые |свои |твои |ваши |свої |твої |ваші )?(?:предыдущие |прежние |прошлые |"
        r"системные |исходные |вышеуказанные |попередні |системні |попередні )?(?:инструкции|указания|"
        r"правила|команды|ограничения|установки|інструкції|вказівки|правила|обмеження)",
        r"(?:покажи|покажите|выведи|выведите|повтори|повторите|раскрой|напиши|скажи|покажи|виведи|повтори|"
        r"розкрий|напиши) (?:мне |мені )?(?:свой |свои |твой |твои |ваш |ваши |свій |свої |твій |твої )?"
        r"(?:системный промпт|системное сообщение|системные инструкции|исходные инструкции|скрытые "
        r"инструкции|системний промпт|системні інструкції|приховані інструкції)",
        r"(?:режим разработчика|режим администратора|режим бога|без (?:каких-либо |всяких )?"
        r"(?:ограничений|цензуры|фильтров|правил)|режим розробника|без (?:жодних )?(?:обмежень|цензури))",
    ),
    # Chinese (simplified and traditional)
    "zh": (
        r"(?:忽略|无视|忽视|不要理会|不要理會|忘记|忘記|忘掉|跳过|跳過|無視|放弃|放棄)(?:掉)?(?:你)?(?:之前|以前|先前|上面|上述|"
        r"前面|所有|全部|一切|你的|原来|原來|原本|系统|系統)?(?:的)?(?:所有|全部)?(?:的)?(?:指令|指示|说明|說明|规则|規則|提示|"
        r"命令|设定|設定|限制|要求)",
        r"(?:显示|顯示|输出|輸出|打印|告诉我|告訴我|重复|重複|透露|泄露|洩露|展示|给我看|給我看)(?:一下)?(?:你的)?"
        r"(?:系统|系統|初始|原始|隐藏|隱藏)(?:提示词|提示詞|提示|指令|消息|訊息|设定|設定)",
        r"(?:开发者模式|開發者模式|管理员模式|管理員模式|无限制模式|無限制模式|没有任何限制|沒有任何限制|不受任何限制|"
        r"越狱模式|越獄模式)",
    ),
    # Japanese
    "ja": (
        r"(?:以前|前|上記|これまで|今まで|先ほど|すべて|全て|システム)の(?:すべての|全ての)?(?:指示|命令|ルール|指令|設定|"
        r"制約|プロンプト)(?:を|は)(?:すべて|全て)?(?:無視|忘れ|破棄)",
        r"(?:システムプロンプト|初期プロンプト|隠された指示|最初の指示)を(?:表示|出力|教え|見せ|繰り返|開示)",
        r"(?:開発者モード|管理者モード|制限なし|制限のない|検閲なし|脱獄モード)",
    ),
    # Korean
    "ko": (
        r"(?:이전|위의|위|모든|앞의|기존|시스템)\s?(?:의\s?)?(?:모든\s?)?(?:지시|명령|지침|규칙|지시사항|프롬프트|설정)"
        r"(?:을|를|은|는|들을)?\s?(?:모두\s?|전부\s?)?(?:무시|잊어|잊으)",
        r"(?:시스템 프롬프트|시스템 메시지|초기 지시|숨겨진 지시)(?:을|를)?\s?(?:보여|출력|알려|반복|공개)",
        r"(?:개발자 모드|관리자 모드|제한 없는|제한없는|검열 없는)",
    ),
    # Arabic (marks stripped by normalization: hamza forms fold to bare alef)
    "ar": (
        r"(?:تجاهل|تجاهلي|تجاهلوا|انس|انسى|اهمل|لا تتبع)\s(?:جميع\s|كل\s)?(?:التعليمات|الاوامر|الأوامر|القواعد|"
        r"التوجيهات|الارشادات|الإرشادات|القيود)(?:\sالسابقة)?",
        r"(?:اعرض|أظهر|اظهر|كرر|اكشف|اطبع)\s(?:لي\s)?(?:موجه النظام|تعليمات النظام|التعليمات الأصلية|التعليمات "
        r"الاصلية|التعليمات المخفية)",
        r"(?:وضع المطور|وضع المسؤول|بدون (?:أي\s|اي\s)?(?:قيود|رقابة))",
    ),
    # Hindi (Devanagari)
    "hi": (
        r"(?:पिछले|पहले के|सभी|ऊपर के|सारे)\s(?:सभी\s)?(?:निर्देशों|निर्देश|नियमों|नियम|आदेशों)\s(?:को\s)?"
        r"(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल)",
        r"(?:सिस्टम प्रॉम्प्ट|सिस्टम संदेश|मूल निर्देश|छिपे निर्देश)\s(?:दिखाओ|दिखाएं|बताओ|बताएं|दोहराओ)",
        r"(?:डेवलपर मोड|बिना किसी प्रतिबंध)",
    ),
}


# Scripts without spaces between words cannot be indexed by word: their patterns scan the text, but only
# when the text contains that script.
_SCRIPTS = {
    "ru-uk": r"[\u0400-\u04ff]",
    "zh": r"[\u4e00-\u9fff]",
    "ja": r"[\u3040-\u30ff]",
    "ko": r"[\uac00-\ud7af]",
    "ar": r"[\u0600-\u06ff]",
    "hi": r"[\u0900-\u097f]",
}

LATIN: tuple[tuple[str, Anchored], ...] = tuple(
    (lang, Anchored(re.compile(pattern, re.IGNORECASE)))
    for lang, patterns in _LATIN.items()
    for pattern in patterns
)
OTHER: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (lang, re.compile(_SCRIPTS[lang]), re.compile(pattern, re.IGNORECASE))
    for lang, patterns in _OTHER.items()
    for pattern in patterns
)
