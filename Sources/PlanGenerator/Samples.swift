/// Sample answers for generated plans, written in each language's own script the way a parent
/// might type them at the kiosk. Used only by `spiral-plan-generator` for benchmarks: none of this
/// is a real family's words.
struct Samples {
    struct GoalText {
        var what, why, when, how, who: String
    }

    var names: [String]
    var children: [String]
    var needsOther: [String]
    var needsDetail: [String]
    var helpWith: [String]
    var mattersMost: [String]
    var goodWeek: [String]
    var didForChild: [String]
    var childDid: [String]
    var lookAfter: [String]
    var whenHard: [String]
    var childFeels: [String]
    var goodDay: [String]
    var goals: [GoalText]
    var bestTimes: [String]
    var languagePreference: [String]
    var culture: [String]
    var notRight: [String]
    var goingWell: [String]

    /// Text for a step of the prompt script, by step id; nil when the step is not one we fill.
    func texts(for stepId: String) -> [String]? {
        switch stepId {
        case "name": return names
        case "children": return children
        case "needs_other": return needsOther
        case "needs_detail": return needsDetail
        case "help_with": return helpWith
        case "matters_most": return mattersMost
        case "good_week": return goodWeek
        case "did_for_child": return didForChild
        case "child_did": return childDid
        case "look_after": return lookAfter
        case "when_hard": return whenHard
        case "child_feels": return childFeels
        case "good_day": return goodDay
        case "best_times": return bestTimes
        case "language_pref": return languagePreference
        case "culture": return culture
        case "not_right_detail": return notRight
        case "going_well": return goingWell
        default: return nil
        }
    }

    /// The samples for a language tag: exact, then its base language (`zh-Hant-TW` → `zh-Hant` → `zh`),
    /// else English.
    static func forLanguage(_ tag: String) -> (samples: Samples, own: Bool) {
        var parts = tag.split(separator: "-").map(String.init)
        while !parts.isEmpty {
            if let s = table[parts.joined(separator: "-")] { return (s, true) }
            parts.removeLast()
        }
        return (table["en"]!, false)
    }

    static let table: [String: Samples] = [
        "en": Samples(
            names: ["Amira", "Jess Taylor", "Kylie", "Danielle O'Connor", "Mel", "Shannon"],
            children: ["Mia 4, Sam 7", "Jack 2", "Ruby 9, Liam 6 and Ava 1", "Charlie (5)"],
            needsOther: ["A bed for my son", "Help with school uniforms", "Someone to fix the broken window"],
            needsDetail: ["We have been sleeping at my sister's place since March.",
                          "The power bill is overdue and they said they might cut us off.",
                          "I need a GP who bulk bills near the school."],
            helpWith: ["Getting the kids to bed without a fight every night.", "Sorting out Centrelink and the rent.",
                       "Mia's speech: the kinder says she should see someone."],
            mattersMost: ["Keeping the kids together and safe.", "That they go to school every day.", "A bit of calm at home."],
            goodWeek: ["Everyone at school on time and dinner together twice.",
                       "No shouting in the mornings, and the park on Saturday."],
            didForChild: ["I read to Mia every night this week.",
                          "I took Sam to the park after school even though I was tired.",
                          "I stayed calm when Jack had a meltdown at the shops."],
            childDid: ["She helped her little brother put his shoes on.", "He shared his lunch with a kid at kinder.",
                       "She told me she loved me before school."],
            lookAfter: ["A walk around the block when the kids are asleep.", "A cup of tea and a call to my mum.",
                        "Not much lately, honestly."],
            whenHard: ["Talking to my sister.", "Music in the car.", "Praying."],
            childFeels: ["Safe, I think. She goes quiet and holds on.", "Loved. He smiles and wants to stay there."],
            goodDay: ["Pancakes, the park and Mum not being cranky.", "Going to the pool with me."],
            goals: [
                GoalText(what: "A bedtime routine that works", why: "So we are not all exhausted in the morning",
                         when: "Within a month", how: "Bath, book, bed at 7:30, starting this week", who: "My partner"),
                GoalText(what: "Find a stable place to rent", why: "The kids need their own beds and to stay at the same school",
                         when: "Before the end of term", how: "Apply for two places a week with the housing worker",
                         who: "The housing worker at the centre"),
                GoalText(what: "Get Mia's speech checked", why: "She gets upset when people don't understand her",
                         when: "Next month", how: "Ask the GP for a referral", who: "The kinder teacher"),
                GoalText(what: "Go for a walk three times a week", why: "I feel better when I move",
                         when: "Starting now", how: "Walk to school instead of driving", who: "My neighbour"),
            ],
            bestTimes: ["Weekday mornings after school drop-off", "Tuesday or Thursday after 10"],
            languagePreference: ["English"],
            culture: ["We are Muslim; please avoid Friday midday.", "My mum lives with us and helps with the kids."],
            notRight: ["I waited a long time and nobody told me why.", "I felt judged when I said I was behind on rent."],
            goingWell: ["The kids are sleeping better.", "I got the power bill sorted."]),

        "ar": Samples(
            names: ["سارة", "فاطمة الحسن", "مريم", "ليلى"],
            children: ["أحمد ٥", "يوسف ٧، نور ٣", "زينب ١٠"],
            needsOther: ["سرير لابني", "مساعدة في الزي المدرسي"],
            needsDetail: ["ننام عند أختي منذ شهر آذار.", "فاتورة الكهرباء متأخرة وقد يقطعونها.", "أحتاج سريرًا لأحمد."],
            helpWith: ["أن ينام الأطفال بدون صراخ كل ليلة.", "تعلم اللغة الإنجليزية والحصول على عمل.", "أوراق السنترلينك والإيجار."],
            mattersMost: ["أن يبقى أطفالي معي وبأمان.", "أن يذهبوا إلى المدرسة كل يوم."],
            goodWeek: ["الجميع في المدرسة في الوقت المحدد وعشاء معًا.", "بدون صراخ في الصباح ونزهة في الحديقة يوم السبت."],
            didForChild: ["قرأت قصة لأحمد كل ليلة هذا الأسبوع.", "أخذت يوسف إلى الحديقة بعد المدرسة مع أنني كنت متعبة."],
            childDid: ["ساعدت أخاها الصغير في لبس حذائه.", "شارك غداءه مع صديقه في الروضة."],
            lookAfter: ["أمشي قليلًا عندما ينام الأطفال.", "أشرب الشاي وأتصل بأمي."],
            whenHard: ["الصلاة.", "الحديث مع أختي."],
            childFeels: ["يشعر بالأمان والحب.", "تشعر بالهدوء."],
            goodDay: ["الحديقة والمثلجات وأمي ليست غاضبة.", "اللعب معي."],
            goals: [
                GoalText(what: "روتين للنوم يناسبنا", why: "حتى لا نكون متعبين في الصباح", when: "خلال شهر",
                         how: "حمّام ثم قصة ثم نوم الساعة ٧:٣٠", who: "زوجي"),
                GoalText(what: "إيجاد بيت للإيجار", why: "يحتاج الأطفال إلى أسرّة خاصة بهم", when: "قبل نهاية الفصل",
                         how: "التقديم على بيتين كل أسبوع", who: "موظفة السكن في المركز"),
                GoalText(what: "تعلم الإنجليزية", why: "لأتحدث مع معلمة ابني", when: "هذا العام",
                         how: "دروس في المركز يوم الثلاثاء", who: "جارتي"),
            ],
            bestTimes: ["صباح أيام الأسبوع بعد المدرسة", "الثلاثاء أو الخميس بعد الساعة العاشرة"],
            languagePreference: ["العربية"],
            culture: ["نحن مسلمون، أفضّل ألا تكون المواعيد يوم الجمعة ظهرًا.", "أمي تعيش معنا."],
            notRight: ["انتظرت طويلًا ولم يخبرني أحد بالسبب."],
            goingWell: ["الأطفال ينامون أفضل.", "دفعت فاتورة الكهرباء."]),

        "zh-Hans": Samples(
            names: ["王芳", "李娜", "陈静", "张丽"],
            children: ["小明 5", "乐乐 3，安安 8", "子涵 10"],
            needsOther: ["给孩子找一张床"],
            needsDetail: ["需要帮忙找房子。", "电费已经逾期了。", "想找一个会说中文的家庭医生。"],
            helpWith: ["让孩子每天晚上按时睡觉。", "找工作和学英语。", "办理福利和房租的事情。"],
            mattersMost: ["孩子们健康平安。", "一家人在一起。"],
            goodWeek: ["孩子们每天准时上学，周末一起去公园。", "早上不吵架。"],
            didForChild: ["这周每天晚上给小明讲故事。", "下班后陪乐乐在公园玩了一个小时。"],
            childDid: ["她帮弟弟穿鞋。", "他把玩具分给了别的小朋友。"],
            lookAfter: ["孩子睡了以后看一会儿书。", "给我妈妈打电话。"],
            whenHard: ["和朋友聊天。", "出去散步。"],
            childFeels: ["觉得很安全。", "很开心，很温暖。"],
            goodDay: ["去公园玩，吃冰淇淋。", "妈妈陪他玩积木。"],
            goals: [
                GoalText(what: "建立睡前习惯", why: "早上大家都不那么累", when: "一个月内", how: "七点半洗澡、讲故事、睡觉", who: "我丈夫"),
                GoalText(what: "找到稳定的住房", why: "孩子需要自己的床", when: "这个学期结束前", how: "每周申请两处房子", who: "中心的住房工作人员"),
                GoalText(what: "提高英语", why: "能和老师沟通", when: "今年", how: "每周二去中心上英语课", who: "邻居"),
            ],
            bestTimes: ["工作日上午", "周二或周四十点以后"],
            languagePreference: ["普通话"],
            culture: ["我婆婆和我们住在一起，帮忙带孩子。"],
            notRight: ["等了很久，没有人告诉我原因。"],
            goingWell: ["孩子睡得好多了。"]),

        "zh-Hant": Samples(
            names: ["陳美玲", "林怡君", "黃淑芬"],
            children: ["家豪 6", "欣怡 4，俊傑 9"],
            needsOther: ["孩子需要一張書桌"],
            needsDetail: ["需要幫忙找房子。", "想找一位會說廣東話的醫生。"],
            helpWith: ["讓孩子每天晚上準時睡覺。", "處理福利和房租的事情。"],
            mattersMost: ["孩子們健康平安。"],
            goodWeek: ["孩子們每天準時上學，週末一起去公園。"],
            didForChild: ["這週每天晚上給家豪講故事。", "陪欣怡去圖書館借書。"],
            childDid: ["她幫弟弟穿鞋。", "他主動收拾玩具。"],
            lookAfter: ["孩子睡了以後喝杯茶。", "和朋友飲茶。"],
            whenHard: ["和姐姐聊天。"],
            childFeels: ["覺得很安全。"],
            goodDay: ["去海邊玩。"],
            goals: [
                GoalText(what: "建立睡前習慣", why: "早上大家都不那麼累", when: "一個月內", how: "七點半洗澡、講故事、睡覺", who: "我先生"),
                GoalText(what: "找到穩定的住房", why: "孩子需要自己的床", when: "這學期結束前", how: "每週申請兩處房子", who: "中心的住房社工"),
            ],
            bestTimes: ["平日上午"],
            languagePreference: ["廣東話"],
            culture: ["我們過農曆新年，那一週比較忙。"],
            notRight: ["我覺得沒有人聽我說話。"],
            goingWell: ["孩子睡得比較好了。"]),

        "vi": Samples(
            names: ["Nguyễn Thị Lan", "Trần Thu Hà", "Lê Ngọc Anh", "Phạm Minh Thư"],
            children: ["Bảo 5, Vy 8", "Khang 3", "An 10, Bình 6"],
            needsOther: ["Giường cho con trai tôi"],
            needsDetail: ["Tôi cần giúp tìm nhà thuê.", "Hóa đơn tiền điện đã quá hạn.", "Tôi muốn tìm bác sĩ nói tiếng Việt."],
            helpWith: ["Cho các con đi ngủ đúng giờ mỗi tối.", "Học tiếng Anh và tìm việc làm."],
            mattersMost: ["Các con được khỏe mạnh và an toàn.", "Gia đình ở bên nhau."],
            goodWeek: ["Các con đi học đúng giờ và cuối tuần đi công viên."],
            didForChild: ["Tuần này tối nào tôi cũng đọc truyện cho Bảo.", "Tôi đưa Vy đi thư viện."],
            childDid: ["Con giúp em mang giày.", "Con chia đồ chơi cho bạn."],
            lookAfter: ["Uống trà khi các con đã ngủ.", "Gọi điện cho mẹ tôi."],
            whenHard: ["Nói chuyện với chị gái.", "Đi chùa."],
            childFeels: ["Con thấy an toàn và được yêu thương."],
            goodDay: ["Đi công viên và ăn kem."],
            goals: [
                GoalText(what: "Nếp sinh hoạt trước giờ ngủ", why: "Để buổi sáng cả nhà không mệt", when: "Trong một tháng",
                         how: "Tắm, đọc truyện, ngủ lúc 7 giờ 30", who: "Chồng tôi"),
                GoalText(what: "Tìm nhà thuê ổn định", why: "Các con cần giường riêng", when: "Trước cuối học kỳ",
                         how: "Nộp đơn hai nhà mỗi tuần", who: "Nhân viên nhà ở của trung tâm"),
                GoalText(what: "Học tiếng Anh", why: "Để nói chuyện với cô giáo của con", when: "Năm nay",
                         how: "Học lớp tiếng Anh ở trung tâm thứ Ba", who: "Hàng xóm"),
            ],
            bestTimes: ["Sáng các ngày trong tuần"],
            languagePreference: ["Tiếng Việt"],
            culture: ["Mẹ chồng tôi sống cùng và giúp trông các cháu."],
            notRight: ["Tôi phải chờ lâu mà không ai nói lý do."],
            goingWell: ["Các con ngủ ngon hơn."]),

        "es": Samples(
            names: ["María José Rodríguez", "Lucía", "Carmen Pérez", "Valentina"],
            children: ["Mateo 4, Sofía 7", "Diego 2", "Camila 9"],
            needsOther: ["Una cama para mi hijo"],
            needsDetail: ["Necesitamos ayuda para encontrar una casa.", "La factura de la luz está atrasada.",
                          "Busco un médico que hable español."],
            helpWith: ["Que los niños se duerman sin peleas cada noche.", "Aprender inglés y encontrar trabajo."],
            mattersMost: ["Que mis hijos estén sanos y seguros.", "Estar juntos como familia."],
            goodWeek: ["Todos llegan a tiempo a la escuela y cenamos juntos.", "Sin gritos por la mañana y un paseo el sábado."],
            didForChild: ["Le leí un cuento a Mateo todas las noches esta semana.", "Llevé a Sofía al parque aunque estaba cansada."],
            childDid: ["Ayudó a su hermanito a ponerse los zapatos.", "Compartió su merienda con un amigo."],
            lookAfter: ["Un café tranquilo cuando los niños duermen.", "Llamo a mi mamá."],
            whenHard: ["Hablar con mi hermana.", "Salir a caminar."],
            childFeels: ["Se siente segura y querida."],
            goodDay: ["Ir a la playa conmigo."],
            goals: [
                GoalText(what: "Una rutina para dormir", why: "Para no estar agotados por la mañana", when: "En un mes",
                         how: "Baño, cuento y cama a las 7:30", who: "Mi pareja"),
                GoalText(what: "Encontrar un alquiler estable", why: "Los niños necesitan sus propias camas",
                         when: "Antes de que termine el trimestre", how: "Postular a dos casas por semana",
                         who: "La trabajadora de vivienda del centro"),
                GoalText(what: "Mejorar mi inglés", why: "Para hablar con la maestra", when: "Este año",
                         how: "Clases en el centro los martes", who: "Mi vecina"),
            ],
            bestTimes: ["Mañanas entre semana"],
            languagePreference: ["Español"],
            culture: ["Somos católicos; los domingos vamos a misa."],
            notRight: ["Esperé mucho y nadie me explicó por qué."],
            goingWell: ["Los niños duermen mejor."]),

        "hi": Samples(
            names: ["प्रिया शर्मा", "सुनीता", "अनीता वर्मा", "पूजा"],
            children: ["आरव 5, अनन्या 8", "रिया 3"],
            needsOther: ["बेटे के लिए एक बिस्तर"],
            needsDetail: ["हमें किराए का घर ढूँढने में मदद चाहिए।", "बिजली का बिल बकाया है।", "हिंदी बोलने वाला डॉक्टर चाहिए।"],
            helpWith: ["बच्चों को हर रात समय पर सुलाना।", "अंग्रेज़ी सीखना और नौकरी ढूँढना।"],
            mattersMost: ["बच्चे स्वस्थ और सुरक्षित रहें।", "परिवार साथ रहे।"],
            goodWeek: ["बच्चे रोज़ समय पर स्कूल जाएँ और रविवार को पार्क चलें।"],
            didForChild: ["इस हफ़्ते हर रात आरव को कहानी सुनाई।", "थकी होने पर भी अनन्या के साथ पार्क गई।"],
            childDid: ["उसने छोटे भाई को जूते पहनने में मदद की।", "उसने अपना खाना दोस्त के साथ बाँटा।"],
            lookAfter: ["बच्चों के सोने के बाद चाय पीती हूँ।", "माँ से फ़ोन पर बात करती हूँ।"],
            whenHard: ["पूजा करना।", "बहन से बात करना।"],
            childFeels: ["वह सुरक्षित और प्यार महसूस करता है।"],
            goodDay: ["पार्क जाना और आइसक्रीम खाना।"],
            goals: [
                GoalText(what: "सोने का एक नियम बनाना", why: "ताकि सुबह सब थके न हों", when: "एक महीने में",
                         how: "साढ़े सात बजे नहाना, कहानी, सोना", who: "मेरे पति"),
                GoalText(what: "स्थायी किराए का घर ढूँढना", why: "बच्चों को अपना बिस्तर चाहिए", when: "इस टर्म के अंत तक",
                         how: "हर हफ़्ते दो घरों के लिए आवेदन", who: "केंद्र की आवास कर्मचारी"),
            ],
            bestTimes: ["सप्ताह के दिनों में सुबह"],
            languagePreference: ["हिंदी"],
            culture: ["हम दिवाली मनाते हैं; उस हफ़्ते मिलना मुश्किल होगा।"],
            notRight: ["मुझे लगा कि मेरी बात नहीं सुनी गई।"],
            goingWell: ["बच्चे अब बेहतर सोते हैं।"]),

        "ne": Samples(
            names: ["सीता गुरुङ", "मन्जु थापा", "रिता तामाङ"],
            children: ["आयुष ६, प्रतीक्षा ९", "सुजल ४"],
            needsOther: ["छोरीका लागि स्कुलको पोशाक"],
            needsDetail: ["भाडामा घर खोज्न सहयोग चाहियो।", "बिजुलीको बिल तिर्न बाँकी छ।"],
            helpWith: ["बच्चाहरूलाई हरेक रात समयमै सुताउन।", "अङ्ग्रेजी सिक्न र काम खोज्न।"],
            mattersMost: ["बच्चाहरू स्वस्थ र सुरक्षित रहून्।"],
            goodWeek: ["बच्चाहरू समयमै स्कुल जाऊन् र शनिबार पार्क जाऊँ।"],
            didForChild: ["यो हप्ता हरेक रात आयुषलाई कथा सुनाएँ।", "थाकेको भए पनि प्रतीक्षासँग खेलें।"],
            childDid: ["उसले सानो भाइलाई जुत्ता लगाउन सघाई।", "उसले साथीसँग खाजा बाँड्यो।"],
            lookAfter: ["बच्चाहरू सुतेपछि चिया पिउँछु।"],
            whenHard: ["दिदीसँग कुरा गर्छु।"],
            childFeels: ["ऊ सुरक्षित र मायालु महसुस गर्छ।"],
            goodDay: ["पार्कमा खेल्ने र मम खाने।"],
            goals: [
                GoalText(what: "सुत्ने समयको नियम बनाउने", why: "बिहान सबै थाकेका नहोऔँ", when: "एक महिनाभित्र",
                         how: "साढे सात बजे नुहाउने, कथा, सुत्ने", who: "मेरो श्रीमान्"),
                GoalText(what: "स्थायी घर खोज्ने", why: "बच्चाहरूलाई आफ्नै ओछ्यान चाहिन्छ", when: "यो टर्म सकिनुअघि",
                         how: "हरेक हप्ता दुईवटा घरका लागि निवेदन", who: "केन्द्रकी आवास कर्मचारी"),
            ],
            bestTimes: ["हप्ताका दिन बिहान"],
            languagePreference: ["नेपाली"],
            culture: ["हामी दसैँ मनाउँछौँ।"],
            notRight: ["धेरै कुर्नुपर्‍यो र कसैले कारण भनेन।"],
            goingWell: ["बच्चाहरू अहिले राम्ररी सुत्छन्।"]),

        "el": Samples(
            names: ["Ελένη Παπαδοπούλου", "Μαρία", "Κατερίνα Γεωργίου"],
            children: ["Γιώργος 5, Άννα 8", "Νίκος 3"],
            needsOther: ["Ένα κρεβάτι για τον γιο μου"],
            needsDetail: ["Χρειαζόμαστε βοήθεια να βρούμε σπίτι.", "Ο λογαριασμός του ρεύματος έχει καθυστερήσει."],
            helpWith: ["Να κοιμούνται τα παιδιά χωρίς καβγάδες κάθε βράδυ.", "Με τα χαρτιά για το επίδομα και το νοίκι."],
            mattersMost: ["Να είναι τα παιδιά υγιή και ασφαλή."],
            goodWeek: ["Όλοι στο σχολείο στην ώρα τους και φαγητό μαζί την Κυριακή."],
            didForChild: ["Διάβασα παραμύθι στον Γιώργο κάθε βράδυ αυτή την εβδομάδα.", "Πήγα την Άννα στην παιδική χαρά."],
            childDid: ["Βοήθησε τον μικρό της αδελφό να φορέσει τα παπούτσια του.", "Μοιράστηκε το φαγητό του με έναν φίλο."],
            lookAfter: ["Ένας καφές με μια φίλη.", "Περπατάω στη θάλασσα."],
            whenHard: ["Μιλάω με την αδελφή μου."],
            childFeels: ["Νιώθει ασφάλεια και αγάπη."],
            goodDay: ["Θάλασσα και παγωτό με τη μαμά."],
            goals: [
                GoalText(what: "Πρόγραμμα για τον ύπνο", why: "Για να μην είμαστε κουρασμένοι το πρωί", when: "Μέσα σε ένα μήνα",
                         how: "Μπάνιο, παραμύθι, ύπνος στις 7:30", who: "Ο άντρας μου"),
                GoalText(what: "Να βρούμε σταθερό σπίτι", why: "Τα παιδιά χρειάζονται δικά τους κρεβάτια",
                         when: "Πριν τελειώσει το τρίμηνο", how: "Αιτήσεις για δύο σπίτια την εβδομάδα",
                         who: "Η υπάλληλος στέγασης του κέντρου"),
            ],
            bestTimes: ["Πρωινά καθημερινών"],
            languagePreference: ["Ελληνικά"],
            culture: ["Η γιαγιά μένει μαζί μας και βοηθάει με τα παιδιά."],
            notRight: ["Περίμενα πολύ και κανείς δεν μου είπε γιατί."],
            goingWell: ["Τα παιδιά κοιμούνται καλύτερα."]),

        "ko": Samples(
            names: ["김민지", "이수진", "박지영"],
            children: ["서준 5, 하은 8", "지호 3"],
            needsOther: ["아이 책상"],
            needsDetail: ["집을 구하는 데 도움이 필요해요.", "전기 요금이 밀렸어요.", "한국어를 하는 의사를 찾고 싶어요."],
            helpWith: ["아이들이 매일 밤 제시간에 자는 것.", "영어를 배우고 일자리를 찾는 것."],
            mattersMost: ["아이들이 건강하고 안전한 것."],
            goodWeek: ["아이들이 매일 제시간에 학교에 가고 주말에 공원에 가는 것."],
            didForChild: ["이번 주에 매일 밤 서준이에게 책을 읽어 줬어요.", "피곤했지만 하은이와 공원에 갔어요."],
            childDid: ["동생이 신발 신는 것을 도와줬어요.", "친구와 간식을 나눠 먹었어요."],
            lookAfter: ["아이들이 잠든 후에 차를 마셔요.", "엄마와 통화해요."],
            whenHard: ["언니와 이야기해요.", "산책해요."],
            childFeels: ["안전하고 사랑받는다고 느낄 거예요."],
            goodDay: ["엄마랑 공원에서 노는 날."],
            goals: [
                GoalText(what: "잠자기 전 습관 만들기", why: "아침에 모두 덜 피곤하도록", when: "한 달 안에",
                         how: "7시 30분에 목욕, 책, 잠자기", who: "남편"),
                GoalText(what: "안정적인 집 구하기", why: "아이들에게 자기 침대가 필요해요", when: "이번 학기가 끝나기 전에",
                         how: "매주 두 곳에 신청하기", who: "센터 주거 담당자"),
            ],
            bestTimes: ["평일 오전"],
            languagePreference: ["한국어"],
            culture: ["시어머니가 함께 살면서 아이들을 돌봐 주세요."],
            notRight: ["오래 기다렸는데 아무도 이유를 말해 주지 않았어요."],
            goingWell: ["아이들이 잠을 더 잘 자요."]),
    ]

    /// What practitioners add in session (in English, the practitioners' language here).
    static let practitioners = ["Jo Harris", "Sam Nguyen", "Aisha Rahman", "Kate O'Brien"]
    static let praiseToParent = [
        "You kept to the bedtime routine all week even when it was hard: that steadiness helps your children settle.",
        "You came back after a tough month and told us what was really going on: that took courage.",
        "You noticed your son was anxious and sat with him until he was calm: that shows him he is safe with you.",
    ]
    static let praiseForChild = [
        "You helped your brother with his shoes: that was kind, and it got us out the door on time.",
        "You used your words when you were cross: that was brave and grown up.",
    ]
    static let quickWins = ["Food vouchers given on the day", "Phoned the energy company together: payment plan agreed",
                            "Booked a GP appointment with an interpreter"]
    static let outreach = ["Texted after the missed appointment; family replied", "Called and left a message",
                           "Sent a card with the next group dates"]
    static let repair = ["Apologised for the long wait; agreed to text before each visit",
                         "Talked about feeling judged; agreed to meet at the library instead"]
    static let selfCare = ["Agreed Thursday mornings are her time while the kids are at kinder"]
}
