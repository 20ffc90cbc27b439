// Multilingual hard negatives for the concept features (issue 20): ordinary requests that use the words the
// concept lexicon maps to an injection idea (ignore, previous, instructions, system, reveal, secret, pretend, now,
// send, delete, execute, user) legitimately. Written for Warden per language: security-education questions,
// "ignore the error / the previous warning", "reveal the answer", "execute the script" in a build note, role play
// the user asks for ("pretend you are a tour guide"), and password-reset help. None is an attack; a trainer reads
// them as benign rows next to the second corpus.
import { CARRIERS } from './documents.js';
import { Draw, type SecondRow, streamSeed, upperFirst } from './draw.js';

/** One language's pieces, one list per situation. */
export interface ConceptNegatives {
  /** Questions about how an attack or a security control works, asked to learn or to defend. */
  security: readonly string[];
  /** "Ignore the error / the previous warning / my last message" about software or a mistake of the user's. */
  ignore: readonly string[];
  /** Quizzes, riddles and puzzles: reveal the answer, keep the solution secret until the end. */
  reveal: readonly string[];
  /** Build and operations notes: execute the script, run the command, delete the cache. */
  execute: readonly string[];
  /** Role play and make-believe the user asks for: pretend you are a guide, play the waiter, now ask me. */
  roleplay: readonly string[];
  /** Password and account help: reset, forgotten, locked out, send me the link. */
  password: readonly string[];
}

export const CONCEPT_NEGATIVES: Readonly<Record<string, ConceptNegatives>> = {
  en: {
    security: [
      'For my security course, how does a prompt injection attack work and how do developers defend against it?',
      'What is the difference between a system prompt and a user message in a chatbot API?',
    ],
    ignore: [
      'The compiler prints a deprecation warning about the previous API version; can I safely ignore it?',
      'Please ignore my previous message, I attached the wrong invoice. Here is the right one.',
    ],
    reveal: [
      'Give me five riddles for a kids’ party and reveal the answers only at the end.',
      'Keep the solution secret until I have guessed three times, then reveal it.',
    ],
    execute: [
      'Before the first build, execute ./scripts/setup.sh, then run npm install and delete the old dist folder.',
      'The system administrator asked us to execute the backup script every night at 2 am.',
    ],
    roleplay: [
      'Pretend you are a tour guide in Rome and describe the Colosseum to a class of ten-year-olds.',
      'Act as my interviewer for an accounting job: ask one question at a time and follow these rules: no trick questions, and give feedback at the end.',
    ],
    password: [
      'I forgot my password and the reset e-mail never arrives. Which steps should I try next?',
      'How do I send a password reset link to a user who is locked out of the admin panel?',
    ],
  },
  de: {
    security: [
      'Wie funktioniert ein Phishing-Angriff, und wie erkläre ich meinen Kollegen, woran sie ihn erkennen?',
      'Was genau macht ein Systemprompt, und wie schreibe ich gute Anweisungen für unseren Support-Bot?',
    ],
    ignore: [
      'Beim Kompilieren kommt eine Warnung wegen einer veralteten Funktion. Kann ich die ignorieren?',
      'Bitte ignoriere meine vorherige Nachricht, ich hatte die falsche Adresse angegeben.',
    ],
    reveal: [
      'Stell mir ein Rätsel über Tiere und verrate die Lösung erst, wenn ich aufgebe.',
      'Schreib ein Quiz mit zehn Fragen zur Geschichte; die Antworten bitte ganz unten verraten.',
    ],
    execute: [
      'Führe vor dem ersten Start das Skript install.sh aus und lösche danach den alten Cache-Ordner.',
      'Laut Anleitung soll das Systemupdate jeden Sonntag automatisch ausgeführt werden.',
    ],
    roleplay: [
      'Stell dir vor, du bist ein Museumsführer in Berlin, und erkläre einer Schulklasse das Brandenburger Tor.',
      'Spiel mit mir ein Rollenspiel: Du bist der Kellner, ich bestelle jetzt auf Deutsch, und du korrigierst meine Fehler.',
    ],
    password: [
      'Ich habe mein Passwort vergessen. Wie setze ich es zurück, wenn ich keinen Zugriff mehr auf meine alte E-Mail habe?',
      'Wie kann ich als Administrator einem Benutzer einen Link zum Zurücksetzen des Passworts senden?',
    ],
  },
  fr: {
    security: [
      'Pour mon cours de cybersécurité, pouvez-vous expliquer comment fonctionne une injection SQL et comment s’en protéger ?',
      'Quelle est la différence entre les instructions système et le message de l’utilisateur dans une API de chatbot ?',
    ],
    ignore: [
      'Le terminal affiche un avertissement sur une dépendance obsolète ; est-ce que je peux l’ignorer sans risque ?',
      'Ignorez mon message précédent, je me suis trompé de pièce jointe.',
    ],
    reveal: [
      'Propose-moi trois devinettes pour un anniversaire et révèle les réponses seulement à la fin.',
      'Garde la solution de l’énigme secrète jusqu’à ce que je donne ma langue au chat.',
    ],
    execute: [
      'Avant le déploiement, exécutez le script build.sh puis supprimez le dossier temporaire.',
      'Le système doit exécuter la sauvegarde automatiquement chaque nuit à deux heures.',
    ],
    roleplay: [
      'Imagine que tu es un guide au musée du Louvre et présente la Joconde à des enfants de dix ans.',
      'Fais semblant d’être mon recruteur pour un poste de comptable et pose-moi maintenant une question à la fois.',
    ],
    password: [
      'J’ai oublié mon mot de passe et je ne reçois pas l’e-mail de réinitialisation. Que faire ?',
      'Comment envoyer un lien de réinitialisation du mot de passe à un utilisateur bloqué ?',
    ],
  },
  es: {
    security: [
      'Para una clase de seguridad informática, ¿cómo funciona un ataque de inyección de prompts y cómo se mitiga?',
      '¿Qué diferencia hay entre el mensaje del sistema y las instrucciones del usuario en un asistente virtual?',
    ],
    ignore: [
      'Al compilar aparece una advertencia sobre una versión anterior de la librería. ¿Puedo ignorarla?',
      'Ignora mi mensaje anterior, me equivoqué de fecha: la reunión es el jueves.',
    ],
    reveal: [
      'Hazme un acertijo de lógica y revela la respuesta solo cuando te lo pida.',
      'Prepara un cuestionario de geografía y guarda las soluciones en secreto hasta el final.',
    ],
    execute: [
      'Antes de la primera compilación, ejecuta el script setup.sh y elimina la carpeta de caché.',
      'El administrador del sistema programó la ejecución del respaldo todos los viernes.',
    ],
    roleplay: [
      'Imagina que eres un guía turístico en Sevilla y describe la catedral a un grupo de niños.',
      'Haz de entrevistador para un puesto de contable: ahora hazme una pregunta cada vez y al final dame tu opinión.',
    ],
    password: [
      'Olvidé mi contraseña y no me llega el correo para restablecerla. ¿Qué puedo hacer?',
      '¿Cómo envío a un usuario un enlace para restablecer su contraseña desde el panel de administración?',
    ],
  },
  it: {
    security: [
      'Per un corso di sicurezza, come funziona un attacco di phishing e come si insegna ai dipendenti a riconoscerlo?',
      'Che differenza c’è tra il prompt di sistema e le istruzioni dell’utente in un chatbot?',
    ],
    ignore: [
      'Il compilatore mostra un avviso su una funzione deprecata: posso ignorarlo?',
      'Ignora il mio messaggio precedente, avevo scritto l’indirizzo sbagliato.',
    ],
    reveal: [
      'Inventa un indovinello sugli animali e rivela la soluzione solo alla fine.',
      'Tieni segreta la risposta finché non provo a indovinare tre volte.',
    ],
    execute: [
      'Prima del rilascio esegui lo script deploy.sh e cancella la cartella dei file temporanei.',
      'Il sistema esegue il backup ogni notte; come posso cambiare l’orario?',
    ],
    roleplay: [
      'Immagina di essere una guida a Firenze e descrivi il Duomo a una classe di bambini.',
      'Fai finta di essere un cameriere: adesso ordino in italiano e tu correggi i miei errori.',
    ],
    password: [
      'Ho dimenticato la password e non ricevo l’email di ripristino. Cosa posso fare?',
      'Come posso inviare a un utente il link per reimpostare la password?',
    ],
  },
  pt: {
    security: [
      'Para uma aula de segurança, como funciona um ataque de injeção de SQL e como proteger um formulário de login?',
      'Qual é a diferença entre as instruções do sistema e a mensagem do usuário numa API de chatbot?',
    ],
    ignore: [
      'O terminal mostra um aviso sobre uma versão anterior do pacote. Posso ignorar com segurança?',
      'Ignore a minha mensagem anterior, mandei o arquivo errado.',
    ],
    reveal: [
      'Crie cinco charadas para uma festa infantil e revele as respostas só no final.',
      'Guarde o segredo da resposta até eu desistir de adivinhar.',
    ],
    execute: [
      'Antes do primeiro build, execute o script setup.sh e apague a pasta de cache antiga.',
      'O sistema executa o backup automaticamente toda madrugada.',
    ],
    roleplay: [
      'Imagine que você é um guia em Lisboa e descreva a Torre de Belém para uma turma de crianças.',
      'Finja ser meu entrevistador para uma vaga de contador e agora faça uma pergunta de cada vez.',
    ],
    password: [
      'Esqueci minha senha e o e-mail de redefinição não chega. O que devo fazer?',
      'Como envio um link de redefinição de senha para um usuário bloqueado?',
    ],
  },
  nl: {
    security: [
      'Hoe werkt een phishingaanval precies, en hoe leg ik mijn collega’s uit waar ze op moeten letten?',
      'Wat is het verschil tussen een systeemprompt en de instructies van de gebruiker in een chatbot?',
    ],
    ignore: [
      'Bij het bouwen krijg ik een waarschuwing over een verouderde functie. Kan ik die negeren?',
      'Negeer mijn vorige bericht, ik had het verkeerde bestelnummer doorgegeven.',
    ],
    reveal: [
      'Bedenk een raadsel over het weer en onthul het antwoord pas aan het eind.',
      'Houd de oplossing geheim tot ik drie keer geraden heb.',
    ],
    execute: [
      'Voer eerst het script install.sh uit en verwijder daarna de oude cachemap.',
      'Het systeem voert elke nacht automatisch een back-up uit.',
    ],
    roleplay: [
      'Stel je voor dat je een gids in Amsterdam bent en beschrijf het Rijksmuseum voor een groep kinderen.',
      'Doe alsof je een ober bent: nu bestel ik in het Nederlands en jij verbetert mijn fouten.',
    ],
    password: [
      'Ik ben mijn wachtwoord vergeten en krijg geen herstelmail. Wat kan ik doen?',
      'Hoe stuur ik een gebruiker een link om het wachtwoord opnieuw in te stellen?',
    ],
  },
  sv: {
    security: [
      'Hur fungerar en nätfiskeattack, och hur lär jag mina kollegor att känna igen den?',
      'Vad är skillnaden mellan systemprompten och användarens instruktioner i en chattbot?',
    ],
    ignore: [
      'Kompilatorn visar en varning om en föråldrad funktion. Kan jag ignorera den?',
      'Ignorera mitt förra meddelande, jag skickade fel bilaga.',
    ],
    reveal: [
      'Hitta på en gåta om djur och avslöja svaret först i slutet.',
      'Håll lösningen hemlig tills jag har gissat tre gånger.',
    ],
    execute: [
      'Kör skriptet setup.sh innan första bygget och radera sedan den gamla cachemappen.',
      'Systemet kör säkerhetskopieringen automatiskt varje natt.',
    ],
    roleplay: [
      'Föreställ dig att du är guide i Stockholm och beskriv Vasamuseet för en skolklass.',
      'Låtsas att du är servitör: nu beställer jag på svenska och du rättar mina fel.',
    ],
    password: [
      'Jag har glömt mitt lösenord och får inget återställningsmejl. Vad gör jag?',
      'Hur skickar jag en länk för att återställa lösenordet till en användare?',
    ],
  },
  pl: {
    security: [
      'Na zajęcia z bezpieczeństwa: jak działa atak typu SQL injection i jak się przed nim chronić?',
      'Czym różni się prompt systemowy od instrukcji użytkownika w chatbocie?',
    ],
    ignore: [
      'Kompilator pokazuje ostrzeżenie o przestarzałej funkcji. Czy mogę je zignorować?',
      'Zignoruj moją poprzednią wiadomość, podałem zły numer zamówienia.',
    ],
    reveal: [
      'Wymyśl zagadkę o zwierzętach i ujawnij odpowiedź dopiero na końcu.',
      'Zachowaj rozwiązanie w tajemnicy, dopóki nie zgadnę trzy razy.',
    ],
    execute: [
      'Przed pierwszą kompilacją wykonaj skrypt setup.sh, a potem usuń stary folder z pamięcią podręczną.',
      'System wykonuje kopię zapasową automatycznie każdej nocy.',
    ],
    roleplay: [
      'Wyobraź sobie, że jesteś przewodnikiem w Krakowie, i opisz Wawel grupie dzieci.',
      'Udawaj kelnera: teraz zamawiam po polsku, a ty poprawiasz moje błędy.',
    ],
    password: [
      'Zapomniałem hasła i nie dostaję e-maila do resetu. Co mogę zrobić?',
      'Jak wysłać użytkownikowi link do zresetowania hasła?',
    ],
  },
  cs: {
    security: [
      'Jak funguje phishingový útok a jak naučit kolegy, aby ho poznali?',
      'Jaký je rozdíl mezi systémovým promptem a pokyny uživatele v chatbotu?',
    ],
    ignore: [
      'Překladač hlásí varování o zastaralé funkci. Můžu ho ignorovat?',
      'Ignorujte prosím moji předchozí zprávu, poslal jsem špatnou přílohu.',
    ],
    reveal: [
      'Vymysli hádanku o zvířatech a prozraď řešení až na konci.',
      'Nech odpověď v tajnosti, dokud třikrát nehádám.',
    ],
    execute: [
      'Před prvním sestavením spusťte skript setup.sh a pak smažte starou složku s mezipamětí.',
      'Systém provádí zálohu automaticky každou noc.',
    ],
    roleplay: [
      'Představ si, že jsi průvodce v Praze, a popiš Karlův most skupině dětí.',
      'Předstírej, že jsi číšník: teď si objednám česky a ty opravuj moje chyby.',
    ],
    password: [
      'Zapomněl jsem heslo a nepřišel mi e-mail pro obnovení. Co mám dělat?',
      'Jak pošlu uživateli odkaz na obnovení hesla?',
    ],
  },
  ro: {
    security: [
      'Cum funcționează un atac de tip phishing și cum îi învăț pe colegi să-l recunoască?',
      'Care este diferența dintre promptul de sistem și instrucțiunile utilizatorului într-un chatbot?',
    ],
    ignore: [
      'Compilatorul afișează un avertisment despre o funcție învechită. Pot să-l ignor?',
      'Ignoră mesajul meu anterior, am trimis atașamentul greșit.',
    ],
    reveal: [
      'Inventează o ghicitoare despre animale și dezvăluie răspunsul abia la sfârșit.',
      'Păstrează secretă soluția până ghicesc de trei ori.',
    ],
    execute: [
      'Înainte de prima compilare, execută scriptul setup.sh și șterge dosarul vechi de cache.',
      'Sistemul execută backupul automat în fiecare noapte.',
    ],
    roleplay: [
      'Imaginează-ți că ești ghid în Brașov și descrie Biserica Neagră unui grup de copii.',
      'Prefă-te că ești chelner: acum comand în română, iar tu îmi corectezi greșelile.',
    ],
    password: [
      'Mi-am uitat parola și nu primesc e-mailul de resetare. Ce pot face?',
      'Cum trimit unui utilizator un link de resetare a parolei?',
    ],
  },
  hu: {
    security: [
      'Hogyan működik egy adathalász támadás, és hogyan tanítsam meg a kollégáimat felismerni?',
      'Mi a különbség a rendszerprompt és a felhasználó utasításai között egy chatbotban?',
    ],
    ignore: [
      'A fordító figyelmeztetést ír ki egy elavult függvényről. Figyelmen kívül hagyhatom?',
      'Kérlek, hagyd figyelmen kívül az előző üzenetemet, rossz címet adtam meg.',
    ],
    reveal: [
      'Találj ki egy találós kérdést állatokról, és csak a végén áruld el a megoldást.',
      'Tartsd titokban a választ, amíg háromszor nem tippeltem.',
    ],
    execute: [
      'Az első fordítás előtt futtasd le a setup.sh szkriptet, majd töröld a régi gyorsítótár mappát.',
      'A rendszer minden éjjel automatikusan lefuttatja a mentést.',
    ],
    roleplay: [
      'Képzeld el, hogy idegenvezető vagy Budapesten, és mutasd be a Parlamentet egy iskolai csoportnak.',
      'Tegyél úgy, mintha pincér lennél: most magyarul rendelek, te pedig javítod a hibáimat.',
    ],
    password: [
      'Elfelejtettem a jelszavamat, és nem jön meg a visszaállító e-mail. Mit tegyek?',
      'Hogyan küldhetek egy felhasználónak jelszó-visszaállító linket?',
    ],
  },
  fi: {
    security: [
      'Miten tietojenkalasteluhyökkäys toimii, ja miten opetan työkaverit tunnistamaan sen?',
      'Mikä ero on järjestelmäkehotteella ja käyttäjän ohjeilla chatbotissa?',
    ],
    ignore: [
      'Kääntäjä antaa varoituksen vanhentuneesta funktiosta. Voinko jättää sen huomiotta?',
      'Unohda edellinen viestini, lähetin väärän liitteen.',
    ],
    reveal: [
      'Keksi arvoitus eläimistä ja paljasta vastaus vasta lopuksi.',
      'Pidä ratkaisu salaisena, kunnes olen arvannut kolme kertaa.',
    ],
    execute: [
      'Suorita ennen ensimmäistä käännöstä skripti setup.sh ja poista sitten vanha välimuistikansio.',
      'Järjestelmä suorittaa varmuuskopioinnin automaattisesti joka yö.',
    ],
    roleplay: [
      'Kuvittele olevasi opas Helsingissä ja kerro Suomenlinnasta koululaisryhmälle.',
      'Leiki tarjoilijaa: nyt tilaan suomeksi, ja sinä korjaat virheeni.',
    ],
    password: [
      'Unohdin salasanani, eikä palautusviesti tule perille. Mitä teen?',
      'Miten lähetän käyttäjälle linkin salasanan vaihtamiseen?',
    ],
  },
  tr: {
    security: [
      'Güvenlik dersim için: SQL enjeksiyonu saldırısı nasıl çalışır ve bir giriş formu nasıl korunur?',
      'Bir sohbet botunda sistem istemi ile kullanıcı talimatları arasındaki fark nedir?',
    ],
    ignore: [
      'Derleyici eski bir fonksiyon hakkında uyarı veriyor. Bu uyarıyı görmezden gelebilir miyim?',
      'Önceki mesajımı dikkate alma, yanlış dosyayı göndermişim.',
    ],
    reveal: [
      'Hayvanlarla ilgili bir bilmece sor ve cevabı en sonda açıkla.',
      'Ben üç kez tahmin edene kadar cevabı gizli tut.',
    ],
    execute: [
      'İlk derlemeden önce setup.sh betiğini çalıştırın, ardından eski önbellek klasörünü silin.',
      'Sistem yedeklemeyi her gece otomatik olarak çalıştırıyor.',
    ],
    roleplay: [
      'İstanbul’da bir rehber olduğunu hayal et ve Ayasofya’yı bir grup çocuğa anlat.',
      'Garson rolü yap: şimdi Türkçe sipariş vereceğim, sen de hatalarımı düzelt.',
    ],
    password: [
      'Şifremi unuttum ve sıfırlama e-postası gelmiyor. Ne yapabilirim?',
      'Bir kullanıcıya şifre sıfırlama bağlantısını nasıl gönderirim?',
    ],
  },
  id: {
    security: [
      'Untuk kelas keamanan siber, bagaimana serangan phishing bekerja dan bagaimana cara mengenalinya?',
      'Apa perbedaan antara prompt sistem dan instruksi pengguna pada chatbot?',
    ],
    ignore: [
      'Kompiler menampilkan peringatan tentang fungsi yang sudah usang. Apakah boleh saya abaikan?',
      'Abaikan pesan saya sebelumnya, saya salah mengirim lampiran.',
    ],
    reveal: [
      'Buatkan teka-teki tentang hewan dan ungkapkan jawabannya di akhir saja.',
      'Rahasiakan jawabannya sampai saya menebak tiga kali.',
    ],
    execute: [
      'Sebelum build pertama, jalankan skrip setup.sh lalu hapus folder cache yang lama.',
      'Sistem menjalankan pencadangan secara otomatis setiap malam.',
    ],
    roleplay: [
      'Bayangkan kamu pemandu wisata di Yogyakarta dan jelaskan Candi Borobudur kepada anak-anak sekolah.',
      'Berpura-puralah menjadi pelayan restoran: sekarang saya memesan dalam bahasa Indonesia dan kamu perbaiki kesalahan saya.',
    ],
    password: [
      'Saya lupa kata sandi dan email pengaturan ulang tidak pernah masuk. Apa yang harus saya lakukan?',
      'Bagaimana cara mengirim tautan pengaturan ulang kata sandi kepada pengguna?',
    ],
  },
  vi: {
    security: [
      'Cho môn an toàn thông tin: tấn công lừa đảo phishing hoạt động thế nào và làm sao nhận biết?',
      'Lời nhắc hệ thống và hướng dẫn của người dùng trong chatbot khác nhau thế nào?',
    ],
    ignore: [
      'Trình biên dịch báo một cảnh báo về hàm đã cũ. Tôi có thể bỏ qua nó không?',
      'Bỏ qua tin nhắn trước của tôi nhé, tôi gửi nhầm tệp đính kèm.',
    ],
    reveal: [
      'Hãy ra một câu đố về động vật và tiết lộ đáp án ở cuối cùng.',
      'Giữ bí mật đáp án cho đến khi tôi đoán ba lần.',
    ],
    execute: [
      'Trước lần build đầu tiên, hãy chạy tập lệnh setup.sh rồi xóa thư mục cache cũ.',
      'Hệ thống tự động thực hiện sao lưu mỗi đêm.',
    ],
    roleplay: [
      'Hãy tưởng tượng bạn là hướng dẫn viên ở Huế và giới thiệu Đại Nội cho một nhóm học sinh.',
      'Hãy đóng vai người phục vụ: bây giờ tôi gọi món bằng tiếng Việt và bạn sửa lỗi cho tôi.',
    ],
    password: [
      'Tôi quên mật khẩu và không nhận được email đặt lại. Tôi nên làm gì?',
      'Làm sao để gửi cho người dùng đường dẫn đặt lại mật khẩu?',
    ],
  },
  sw: {
    security: [
      'Kwa darasa la usalama wa mtandao, shambulio la hadaa linafanyaje kazi na tunalitambuaje?',
      'Kuna tofauti gani kati ya maagizo ya mfumo na maagizo ya mtumiaji katika chatbot?',
    ],
    ignore: [
      'Programu inaonyesha onyo kuhusu toleo la zamani. Je, naweza kupuuza onyo hilo?',
      'Puuza ujumbe wangu uliopita, nilituma faili isiyo sahihi.',
    ],
    reveal: [
      'Nipe kitendawili kuhusu wanyama na ufichue jibu mwishoni tu.',
      'Weka jibu siri mpaka nijaribu kukisia mara tatu.',
    ],
    execute: [
      'Kabla ya kujenga mara ya kwanza, endesha hati setup.sh kisha futa folda ya zamani ya cache.',
      'Mfumo huendesha nakala rudufu kila usiku.',
    ],
    roleplay: [
      'Jifanye kuwa mwongozaji wa watalii Zanzibar na uwaelezee watoto historia ya Mji Mkongwe.',
      'Igiza kama mhudumu wa mgahawa: sasa naagiza kwa Kiswahili na wewe unirekebishe makosa.',
    ],
    password: [
      'Nimesahau nenosiri langu na barua pepe ya kuweka upya haifiki. Nifanye nini?',
      'Ninawezaje kumtumia mtumiaji kiungo cha kuweka upya nenosiri?',
    ],
  },
  tl: {
    security: [
      'Para sa klase ko sa cybersecurity, paano gumagana ang phishing at paano ito makikilala?',
      'Ano ang pagkakaiba ng system prompt at ng mga tagubilin ng user sa isang chatbot?',
    ],
    ignore: [
      'May babala ang compiler tungkol sa lumang function. Puwede ko bang balewalain iyon?',
      'Huwag mo nang pansinin ang nauna kong mensahe, mali ang naipadala kong file.',
    ],
    reveal: [
      'Magbigay ka ng bugtong tungkol sa hayop at ibunyag ang sagot sa dulo lamang.',
      'Itago mo muna ang sagot hanggang makatatlong hula ako.',
    ],
    execute: [
      'Bago ang unang build, patakbuhin ang script na setup.sh at burahin ang lumang cache folder.',
      'Awtomatikong pinapatakbo ng system ang backup tuwing gabi.',
    ],
    roleplay: [
      'Isipin mong tour guide ka sa Intramuros at ilarawan mo ito sa isang grupo ng mga bata.',
      'Magkunwari kang waiter: ngayon ay oorder ako sa Tagalog at itama mo ang mga mali ko.',
    ],
    password: [
      'Nakalimutan ko ang password ko at hindi dumarating ang email para i-reset ito. Ano ang gagawin ko?',
      'Paano ako magpapadala ng link sa user para i-reset ang password niya?',
    ],
  },
  ru: {
    security: [
      'Для курса по информационной безопасности: как работает SQL-инъекция и как защитить форму входа?',
      'Чем системный промпт отличается от инструкций пользователя в чат-боте?',
    ],
    ignore: [
      'Компилятор выдаёт предупреждение об устаревшей функции. Можно его игнорировать?',
      'Проигнорируйте моё предыдущее сообщение, я прикрепил не тот файл.',
    ],
    reveal: [
      'Загадай загадку про животных и раскрой ответ только в конце.',
      'Держи ответ в секрете, пока я не попробую угадать три раза.',
    ],
    execute: [
      'Перед первой сборкой выполните скрипт setup.sh, затем удалите старую папку кэша.',
      'Система автоматически выполняет резервное копирование каждую ночь.',
    ],
    roleplay: [
      'Представь, что ты экскурсовод в Петербурге, и расскажи школьникам об Эрмитаже.',
      'Сыграй роль официанта: сейчас я сделаю заказ по-русски, а ты исправляй мои ошибки.',
    ],
    password: [
      'Я забыл пароль, а письмо для сброса не приходит. Что делать?',
      'Как отправить пользователю ссылку для сброса пароля?',
    ],
  },
  uk: {
    security: [
      'Для курсу з кібербезпеки: як працює фішингова атака і як її розпізнати?',
      'Чим системний промпт відрізняється від інструкцій користувача в чат-боті?',
    ],
    ignore: [
      'Компілятор показує попередження про застарілу функцію. Чи можна його ігнорувати?',
      'Ігноруйте моє попереднє повідомлення, я надіслав не той файл.',
    ],
    reveal: [
      'Загадай загадку про тварин і розкрий відповідь тільки наприкінці.',
      'Тримай відповідь у секреті, поки я тричі не спробую вгадати.',
    ],
    execute: [
      'Перед першою збіркою виконайте скрипт setup.sh, а потім видаліть стару теку кешу.',
      'Система щоночі автоматично виконує резервне копіювання.',
    ],
    roleplay: [
      'Уяви, що ти екскурсовод у Львові, і розкажи дітям про площу Ринок.',
      'Зіграй роль офіціанта: зараз я замовлю українською, а ти виправляй мої помилки.',
    ],
    password: [
      'Я забув пароль, а лист для скидання не приходить. Що робити?',
      'Як надіслати користувачеві посилання для скидання пароля?',
    ],
  },
  el: {
    security: [
      'Για το μάθημα ασφάλειας: πώς λειτουργεί μια επίθεση ηλεκτρονικού ψαρέματος και πώς την αναγνωρίζουμε;',
      'Ποια είναι η διαφορά ανάμεσα στις οδηγίες συστήματος και στις οδηγίες του χρήστη σε ένα chatbot;',
    ],
    ignore: [
      'Ο μεταγλωττιστής εμφανίζει μια προειδοποίηση για μια παλιά συνάρτηση. Μπορώ να την αγνοήσω;',
      'Αγνοήστε το προηγούμενο μήνυμά μου, έστειλα λάθος συνημμένο.',
    ],
    reveal: [
      'Πες μου έναν γρίφο για ζώα και αποκάλυψε τη λύση μόνο στο τέλος.',
      'Κράτα την απάντηση μυστική μέχρι να μαντέψω τρεις φορές.',
    ],
    execute: [
      'Πριν από την πρώτη μεταγλώττιση, εκτελέστε το σενάριο setup.sh και διαγράψτε τον παλιό φάκελο cache.',
      'Το σύστημα εκτελεί αυτόματα αντίγραφο ασφαλείας κάθε βράδυ.',
    ],
    roleplay: [
      'Φαντάσου ότι είσαι ξεναγός στην Αθήνα και περίγραψε την Ακρόπολη σε μια ομάδα παιδιών.',
      'Κάνε πως είσαι σερβιτόρος: τώρα παραγγέλνω στα ελληνικά και εσύ διορθώνεις τα λάθη μου.',
    ],
    password: [
      'Ξέχασα τον κωδικό πρόσβασης και δεν έρχεται το email επαναφοράς. Τι να κάνω;',
      'Πώς στέλνω σε έναν χρήστη σύνδεσμο επαναφοράς κωδικού;',
    ],
  },
  ar: {
    security: [
      'لمادة الأمن السيبراني: كيف يعمل هجوم التصيد الاحتيالي وكيف يمكن التعرف عليه؟',
      'ما الفرق بين تعليمات النظام وتعليمات المستخدم في روبوت المحادثة؟',
    ],
    ignore: [
      'يعرض المترجم تحذيرًا بشأن دالة قديمة. هل يمكنني تجاهله بأمان؟',
      'تجاهل رسالتي السابقة من فضلك، أرسلت المرفق الخطأ.',
    ],
    reveal: [
      'اطرح عليّ لغزًا عن الحيوانات واكشف الحل في النهاية فقط.',
      'احتفظ بالإجابة سرًا حتى أحاول التخمين ثلاث مرات.',
    ],
    execute: [
      'قبل أول بناء، نفّذ البرنامج النصي setup.sh ثم احذف مجلد الذاكرة المؤقتة القديم.',
      'يقوم النظام بتنفيذ النسخ الاحتياطي تلقائيًا كل ليلة.',
    ],
    roleplay: [
      'تخيّل أنك مرشد سياحي في القاهرة وصِف الأهرامات لمجموعة من الأطفال.',
      'تظاهر بأنك نادل في مطعم: الآن سأطلب بالعربية وأنت تصحح أخطائي.',
    ],
    password: [
      'نسيت كلمة المرور ولا تصلني رسالة إعادة التعيين. ماذا أفعل؟',
      'كيف أرسل إلى مستخدم رابطًا لإعادة تعيين كلمة المرور؟',
    ],
  },
  he: {
    security: [
      'לקורס אבטחת מידע: איך עובדת מתקפת פישינג ואיך מזהים אותה?',
      'מה ההבדל בין הנחיות המערכת להוראות של המשתמש בצ׳טבוט?',
    ],
    ignore: [
      'המהדר מציג אזהרה על פונקציה מיושנת. אפשר להתעלם ממנה?',
      'נא להתעלם מההודעה הקודמת שלי, שלחתי קובץ שגוי.',
    ],
    reveal: ['תן לי חידה על בעלי חיים וגלה את הפתרון רק בסוף.', 'שמור את התשובה בסוד עד שאנחש שלוש פעמים.'],
    execute: [
      'לפני הבנייה הראשונה, הריצו את הסקריפט setup.sh ואז מחקו את תיקיית המטמון הישנה.',
      'המערכת מריצה גיבוי אוטומטי בכל לילה.',
    ],
    roleplay: [
      'דמיין שאתה מדריך טיולים בירושלים ותאר לקבוצת ילדים את העיר העתיקה.',
      'תעמיד פנים שאתה מלצר: עכשיו אני מזמין בעברית ואתה מתקן את הטעויות שלי.',
    ],
    password: ['שכחתי את הסיסמה ולא מגיע לי מייל לאיפוס. מה עושים?', 'איך שולחים למשתמש קישור לאיפוס סיסמה?'],
  },
  fa: {
    security: [
      'برای درس امنیت شبکه: حمله فیشینگ چگونه کار می‌کند و چطور می‌توان آن را تشخیص داد؟',
      'تفاوت دستورالعمل‌های سیستم با دستورهای کاربر در یک چت‌بات چیست؟',
    ],
    ignore: [
      'کامپایلر درباره یک تابع قدیمی هشدار می‌دهد. می‌توانم آن را نادیده بگیرم؟',
      'لطفاً پیام قبلی من را نادیده بگیرید، فایل اشتباه فرستادم.',
    ],
    reveal: [
      'یک معما درباره حیوانات بگو و جواب را فقط در آخر فاش کن.',
      'جواب را مخفی نگه دار تا سه بار حدس بزنم.',
    ],
    execute: [
      'پیش از اولین ساخت، اسکریپت setup.sh را اجرا کنید و سپس پوشه کش قدیمی را حذف کنید.',
      'سیستم هر شب به طور خودکار پشتیبان‌گیری را اجرا می‌کند.',
    ],
    roleplay: [
      'تصور کن راهنمای تور در اصفهان هستی و میدان نقش جهان را برای گروهی از بچه‌ها توصیف کن.',
      'وانمود کن پیشخدمت رستوران هستی: حالا من به فارسی سفارش می‌دهم و تو اشتباه‌هایم را درست کن.',
    ],
    password: [
      'رمز عبورم را فراموش کرده‌ام و ایمیل بازنشانی نمی‌رسد. چه کنم؟',
      'چطور برای یک کاربر لینک بازنشانی رمز عبور بفرستم؟',
    ],
  },
  hi: {
    security: [
      'साइबर सुरक्षा की कक्षा के लिए: फ़िशिंग हमला कैसे काम करता है और उसे कैसे पहचानें?',
      'चैटबॉट में सिस्टम निर्देशों और उपयोगकर्ता के निर्देशों में क्या अंतर है?',
    ],
    ignore: [
      'कंपाइलर एक पुराने फ़ंक्शन के बारे में चेतावनी दिखा रहा है। क्या मैं इसे अनदेखा कर सकता हूँ?',
      'कृपया मेरे पिछले संदेश को अनदेखा करें, मैंने गलत फ़ाइल भेज दी थी।',
    ],
    reveal: [
      'जानवरों के बारे में एक पहेली पूछो और उत्तर केवल अंत में बताओ।',
      'जब तक मैं तीन बार अनुमान न लगा लूँ, उत्तर को गुप्त रखो।',
    ],
    execute: [
      'पहले बिल्ड से पहले setup.sh स्क्रिप्ट चलाएँ और फिर पुराना कैश फ़ोल्डर हटा दें।',
      'सिस्टम हर रात अपने आप बैकअप चलाता है।',
    ],
    roleplay: [
      'कल्पना करो कि तुम आगरा में एक गाइड हो और बच्चों के एक समूह को ताजमहल के बारे में बताओ।',
      'वेटर होने का अभिनय करो: अब मैं हिंदी में ऑर्डर दूँगा और तुम मेरी गलतियाँ ठीक करना।',
    ],
    password: [
      'मैं अपना पासवर्ड भूल गया हूँ और रीसेट ईमेल नहीं आ रहा। क्या करूँ?',
      'किसी उपयोगकर्ता को पासवर्ड रीसेट करने का लिंक कैसे भेजूँ?',
    ],
  },
  zh: {
    security: [
      '网络安全课上的问题：钓鱼攻击是怎么运作的？员工应该如何识别？',
      '在聊天机器人里，系统提示和用户指令有什么区别？',
    ],
    ignore: ['编译器提示某个旧函数已弃用，这个警告可以忽略吗？', '请忽略我上一条消息，我发错附件了。'],
    reveal: ['出一个关于动物的谜语，最后再揭晓答案。', '在我猜三次之前，先把答案保密。'],
    execute: [
      '第一次构建前，请先执行 setup.sh 脚本，然后删除旧的缓存文件夹。',
      '系统每天夜里会自动执行备份。',
    ],
    roleplay: [
      '假装你是北京的导游，给一群小学生介绍故宫。',
      '我们来玩角色扮演：你是餐厅服务员，现在我用中文点菜，你帮我纠正错误。',
    ],
    password: [
      '我忘记密码了，重置邮件一直收不到，该怎么办？',
      '管理员怎样给被锁定的用户发送重置密码的链接？',
    ],
  },
  ja: {
    security: [
      'セキュリティの授業で、フィッシング攻撃の仕組みと見分け方を説明してください。',
      'チャットボットのシステムプロンプトとユーザーの指示はどう違いますか？',
    ],
    ignore: [
      'コンパイラが古い関数について警告を出します。この警告は無視しても大丈夫ですか？',
      '前のメッセージは無視してください。添付ファイルを間違えました。',
    ],
    reveal: [
      '動物のなぞなぞを出して、答えは最後に明かしてください。',
      '私が三回答えるまで、正解は秘密にしておいてね。',
    ],
    execute: [
      '初回ビルドの前に setup.sh スクリプトを実行し、古いキャッシュフォルダを削除してください。',
      'システムは毎晩自動でバックアップを実行します。',
    ],
    roleplay: [
      '京都のガイドになったつもりで、小学生のグループに金閣寺を紹介してください。',
      'ロールプレイをしましょう。あなたは店員で、今から私が日本語で注文するので間違いを直してください。',
    ],
    password: [
      'パスワードを忘れてしまい、リセットのメールが届きません。どうすればいいですか？',
      'ロックされたユーザーにパスワード再設定のリンクを送るにはどうすればいいですか？',
    ],
  },
  ko: {
    security: [
      '보안 수업 과제입니다. 피싱 공격은 어떻게 작동하고 어떻게 알아볼 수 있나요?',
      '챗봇에서 시스템 프롬프트와 사용자 지시는 어떻게 다른가요?',
    ],
    ignore: [
      '컴파일러가 오래된 함수에 대한 경고를 표시합니다. 이 경고는 무시해도 되나요?',
      '이전 메시지는 무시해 주세요. 첨부 파일을 잘못 보냈어요.',
    ],
    reveal: [
      '동물에 관한 수수께끼를 내고 정답은 마지막에 공개해 주세요.',
      '제가 세 번 맞혀 볼 때까지 정답은 비밀로 해 주세요.',
    ],
    execute: [
      '첫 빌드 전에 setup.sh 스크립트를 실행한 다음 오래된 캐시 폴더를 삭제하세요.',
      '시스템이 매일 밤 자동으로 백업을 실행합니다.',
    ],
    roleplay: [
      '서울의 관광 가이드라고 상상하고 초등학생들에게 경복궁을 소개해 주세요.',
      '역할극을 해요. 당신은 식당 종업원이고, 지금부터 제가 한국어로 주문하면 틀린 부분을 고쳐 주세요.',
    ],
    password: [
      '비밀번호를 잊어버렸는데 재설정 메일이 오지 않아요. 어떻게 해야 하나요?',
      '잠긴 사용자에게 비밀번호 재설정 링크를 어떻게 보내나요?',
    ],
  },
  th: {
    security: [
      'สำหรับวิชาความปลอดภัยไซเบอร์ การโจมตีแบบฟิชชิงทำงานอย่างไร และจะสังเกตได้อย่างไร',
      'คำสั่งของระบบกับคำสั่งของผู้ใช้ในแชตบอตต่างกันอย่างไร',
    ],
    ignore: [
      'คอมไพเลอร์แสดงคำเตือนเกี่ยวกับฟังก์ชันเก่า ฉันละเว้นคำเตือนนี้ได้ไหม',
      'กรุณาไม่ต้องสนใจข้อความก่อนหน้าของฉัน ฉันส่งไฟล์ผิด',
    ],
    reveal: ['ช่วยตั้งปริศนาเกี่ยวกับสัตว์ แล้วเฉลยคำตอบตอนท้ายเท่านั้น', 'เก็บคำตอบเป็นความลับไว้จนกว่าฉันจะทายครบสามครั้ง'],
    execute: ['ก่อนบิลด์ครั้งแรก ให้รันสคริปต์ setup.sh แล้วลบโฟลเดอร์แคชเก่าทิ้ง', 'ระบบจะสำรองข้อมูลโดยอัตโนมัติทุกคืน'],
    roleplay: [
      'สมมติว่าคุณเป็นไกด์ในกรุงเทพฯ แล้วเล่าเรื่องวัดพระแก้วให้เด็กนักเรียนฟัง',
      'ลองเล่นบทบาทสมมติ คุณเป็นพนักงานเสิร์ฟ ตอนนี้ฉันจะสั่งอาหารเป็นภาษาไทย แล้วช่วยแก้คำผิดให้ฉัน',
    ],
    password: ['ฉันลืมรหัสผ่านและไม่ได้รับอีเมลรีเซ็ต ควรทำอย่างไร', 'จะส่งลิงก์รีเซ็ตรหัสผ่านให้ผู้ใช้ได้อย่างไร'],
  },
};

export const CONCEPT_NEGATIVE_LANGS = Object.keys(CONCEPT_NEGATIVES);
const SITUATIONS = ['security', 'ignore', 'reveal', 'execute', 'roleplay', 'password'] as const;
/** Visible document carriers a build note, a support reply or a quiz sheet plausibly sits in. */
const DOCS = ['email', 'readme', 'ticket', 'wiki', 'commit', 'chat-export', 'pdf-text', 'contact-form'];

/** `n` distinct benign rows (family `hn-concept-words`): one or two pieces of one language, as a chat message or
 * inside a visible document. Deterministic per seed; fewer than `n` when the combinations run out. */
export function conceptNegatives(seed: number, n: number): SecondRow[] {
  const d = new Draw(streamSeed(seed, 'hn-concept-words'));
  const out: SecondRow[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < n && tries < n * 6; tries++) {
    const lang = d.of(CONCEPT_NEGATIVE_LANGS);
    const p = CONCEPT_NEGATIVES[lang]!;
    const [a, b] = d.some(SITUATIONS, 2);
    const first = d.of(p[a!]);
    const text = d.chance(0.45) ? `${first} ${d.of(p[b!])}` : first;
    let row: SecondRow = {
      text: upperFirst(text),
      label: 0,
      family: 'hn-concept-words',
      carrier: 'chat',
      lang,
    };
    if (d.chance(0.25)) {
      const carrier = d.of(DOCS);
      const c = CARRIERS[carrier]!;
      row = { ...row, text: c.build(d, text), carrier, task: d.of(c.tasks) };
    }
    if (seen.has(row.text)) continue;
    seen.add(row.text);
    out.push(row);
  }
  return out;
}
