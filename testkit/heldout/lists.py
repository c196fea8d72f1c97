"""The generator's own lists: applicants, other people, organisations, prose.

Everything here is invented for this held-out set (names are common ones, organisations follow
the real naming pattern of Xinjiang bureaus, but no record refers to a real person).
"""

# name, slug, gender, ethnicity, birth (y, m, d), native place, employer forms (full first),
# department, post, professional title, specialty, university, major, region (city, postcode),
# ID region code, police bureau that issued the ID card, street address, research focus
APPLICANTS = [
    dict(name="王芳", slug="wang-fang", gender="女", eth="汉族", birth=(1984, 3, 12),
         native="新疆库尔勒", employers=["巴音郭楞蒙古自治州水利局", "巴州水利局"],
         dept="工程建设管理科", post="副科长", title="高级工程师", spec="水利水电工程",
         univ="新疆农业大学", major="水利水电工程", city=("新疆库尔勒", "841000"),
         idcode="652801", police="库尔勒市公安局", addr="新疆库尔勒市人民东路46号院3栋2单元501室",
         focus="水利工程建设管理与灌区节水改造研究"),
    dict(name="阿依古丽·买买提", slug="ayguli-mamat", gender="女", eth="维吾尔族", birth=(1986, 7, 5),
         native="新疆阿克苏", employers=["阿克苏地区第一人民医院", "阿克苏一院", "地区第一人民医院"],
         dept="妇产科", post="主治医师", title="副主任医师", spec="妇产科学",
         univ="新疆医科大学", major="临床医学", city=("新疆阿克苏", "843000"),
         idcode="652901", police="阿克苏市公安局", addr="新疆阿克苏市英阿瓦提路12号1栋3单元402室",
         focus="围产期保健与高危妊娠管理"),
    dict(name="艾力·吐尔逊", slug="ali-tursun", gender="男", eth="维吾尔族", birth=(1982, 11, 23),
         native="新疆疏附", employers=["喀什地区农业技术推广中心", "喀什地区农技推广中心"],
         dept="土肥站", post="站长", title="高级农艺师", spec="农学",
         univ="塔里木大学", major="农学", city=("新疆喀什", "844000"),
         idcode="653101", police="喀什市公安局", addr="新疆喀什市克孜都维路188号",
         focus="南疆棉花高产栽培与测土配方施肥"),
    dict(name="努尔兰·哈斯木汗", slug="nurlan-hasymkhan", gender="男", eth="哈萨克族",
         birth=(1983, 5, 30), native="新疆伊宁", employers=["伊犁哈萨克自治州畜牧兽医局", "伊犁州畜牧兽医局"],
         dept="动物疫病防控科", post="科员", title="高级兽医师", spec="动物医学",
         univ="新疆农业大学", major="动物医学", city=("新疆伊宁", "835000"),
         idcode="654002", police="伊宁市公安局", addr="新疆伊宁市解放南路218号2单元301室",
         focus="草原畜牧业疫病防控与牛羊品种改良"),
    dict(name="马建国", slug="ma-jianguo", gender="男", eth="回族", birth=(1979, 9, 18),
         native="新疆昌吉", employers=["昌吉回族自治州第二中学", "昌吉州二中", "州二中"],
         dept="数学教研组", post="教研组长", title="高级教师", spec="中学数学",
         univ="新疆师范大学", major="数学与应用数学", city=("新疆昌吉", "831100"),
         idcode="652301", police="昌吉市公安局", addr="新疆昌吉市延安北路77号4栋1单元602室",
         focus="中学数学教学与课堂评价研究"),
    dict(name="巴特尔", slug="bater", gender="男", eth="蒙古族", birth=(1985, 1, 9),
         native="新疆博乐", employers=["博尔塔拉蒙古自治州自然资源局", "博州自然资源局"],
         dept="国土空间规划科", post="科长", title="高级工程师", spec="土地资源管理",
         univ="新疆大学", major="地理信息科学", city=("新疆博乐", "833400"),
         idcode="652701", police="博乐市公安局", addr="新疆博乐市北京路133号6栋301室",
         focus="国土空间规划与土地整治"),
    dict(name="古丽娜尔·阿不都热合曼", slug="gulnar-abdurahman", gender="女", eth="维吾尔族",
         birth=(1987, 4, 2), native="新疆和田", employers=["和田地区教育局", "地区教育局"],
         dept="基础教育科", post="科员", title="高级讲师", spec="教育管理",
         univ="新疆师范大学", major="教育学", city=("新疆和田", "848000"),
         idcode="653201", police="和田市公安局", addr="新疆和田市北京西路9号院2栋1单元201室",
         focus="双语教育与基础教育管理"),
    dict(name="张伟", slug="zhang-wei", gender="男", eth="汉族", birth=(1981, 12, 1),
         native="河南周口", employers=["新疆生产建设兵团第一师阿拉尔市水利局", "一师阿拉尔市水利局", "一师水利局"],
         dept="水资源科", post="副局长", title="正高级工程师", spec="农业水利工程",
         univ="石河子大学", major="农业水利工程", city=("新疆阿拉尔", "843300"),
         idcode="659002", police="阿拉尔市公安局", addr="新疆阿拉尔市塔南路8号团结小区5栋2单元402室",
         focus="干旱区膜下滴灌与水资源配置"),
    dict(name="李秀英", slug="li-xiuying", gender="女", eth="汉族", birth=(1980, 6, 16),
         native="甘肃天水", employers=["乌鲁木齐市第一人民医院", "乌市一院"],
         dept="护理部", post="护士长", title="副主任护师", spec="护理学",
         univ="新疆医科大学", major="护理学", city=("新疆乌鲁木齐", "830002"),
         idcode="650102", police="乌鲁木齐市公安局天山分局", addr="新疆乌鲁木齐市天山区解放南路191号",
         focus="临床护理管理与护理质量控制"),
    dict(name="热依拉·阿布力孜", slug="reyila-ablez", gender="女", eth="维吾尔族", birth=(1988, 2, 27),
         native="新疆吐鲁番", employers=["吐鲁番市高昌区人民医院", "高昌区人民医院"],
         dept="检验科", post="主管技师", title="副主任技师", spec="医学检验",
         univ="新疆医科大学", major="医学检验技术", city=("新疆吐鲁番", "838000"),
         idcode="650402", police="吐鲁番市公安局高昌分局", addr="新疆吐鲁番市高昌区青年路56号",
         focus="临床生化检验与质量管理"),
    dict(name="叶尔兰·努尔别克", slug="yerlan-nurbek", gender="男", eth="哈萨克族", birth=(1984, 8, 8),
         native="新疆阿勒泰", employers=["阿勒泰地区林业和草原局", "阿勒泰地区林草局"],
         dept="草原监理站", post="站长", title="高级工程师", spec="草业科学",
         univ="新疆农业大学", major="草业科学", city=("新疆阿勒泰", "836500"),
         idcode="654301", police="阿勒泰市公安局", addr="新疆阿勒泰市团结路20号3栋1单元101室",
         focus="草原生态保护与退牧还草监测"),
    dict(name="欧阳明辉", slug="ouyang-minghui", gender="男", eth="汉族", birth=(1978, 10, 3),
         native="湖南衡阳", employers=["克拉玛依市独山子区住房和城乡建设局", "独山子区住建局"],
         dept="质量安全监督站", post="站长", title="高级工程师", spec="土木工程",
         univ="西南交通大学", major="土木工程", city=("新疆克拉玛依", "833699"),
         idcode="650202", police="克拉玛依市公安局独山子分局", addr="新疆克拉玛依市独山子区大庆东路3号",
         focus="建设工程质量安全监督"),
    dict(name="马秀兰", slug="ma-xiulan", gender="女", eth="回族", birth=(1983, 3, 21),
         native="宁夏固原",
         employers=["新疆生产建设兵团第八师石河子市人民医院", "八师石河子市人民医院", "石河子市人民医院"],
         dept="儿科", post="副主任", title="主任医师", spec="儿科学",
         univ="石河子大学", major="临床医学", city=("新疆石河子", "832000"),
         idcode="659001", police="石河子市公安局", addr="新疆石河子市北四路105小区12栋3单元301室",
         focus="小儿呼吸系统疾病诊治"),
    dict(name="其其格", slug="qiqige", gender="女", eth="蒙古族", birth=(1986, 12, 12),
         native="新疆和静", employers=["巴音郭楞蒙古自治州和静县气象局", "和静县气象局"],
         dept="气象台", post="台长", title="高级工程师", spec="大气科学",
         univ="南京信息工程大学", major="大气科学", city=("新疆和静", "841300"),
         idcode="652827", police="和静县公安局", addr="新疆和静县和静镇团结路14号",
         focus="山区降水预报与人工增雨"),
    dict(name="买买提江·吐尔洪", slug="mamatjan-turhun", gender="男", eth="维吾尔族", birth=(1980, 5, 14),
         native="新疆哈密", employers=["哈密市伊州区交通运输局", "伊州区交通运输局", "伊州区交通局"],
         dept="公路管理站", post="站长", title="高级工程师", spec="道路与桥梁工程",
         univ="长安大学", major="道路桥梁与渡河工程", city=("新疆哈密", "839000"),
         idcode="650502", police="哈密市公安局伊州分局", addr="新疆哈密市伊州区建国北路32号",
         focus="农村公路建设与养护管理"),
    dict(name="迪丽努尔·艾则孜", slug="dilnur-aziz", gender="女", eth="维吾尔族", birth=(1989, 9, 9),
         native="新疆塔城", employers=["塔城地区疾病预防控制中心", "塔城地区疾控中心"],
         dept="免疫规划科", post="科长", title="副主任医师", spec="公共卫生",
         univ="新疆医科大学", major="预防医学", city=("新疆塔城", "834700"),
         idcode="654201", police="塔城市公安局", addr="新疆塔城市光明路6号院1栋201室",
         focus="免疫规划与传染病监测"),
]

# Faces: female applicants get one of the women's photos, men one of the men's.
FACES_F = ["face06.jpg", "face07.jpg"]
FACES_M = ["face01.jpg", "face02.jpg", "face03.jpg", "face04.jpg", "face05.jpg",
           "face08.jpg", "face09.jpg", "face10.jpg"]

OTHER_PEOPLE = [
    "刘建华", "陈志强", "杨丽", "赵国庆", "孙海燕", "周明", "吴静", "郑晓东", "黄立新", "何伟民",
    "高红梅", "林涛", "谢宏", "韩雪梅", "唐建军", "冯玉兰", "于海波", "董文华", "王芬", "张卫东",
    "吐尔逊·艾买提", "阿不都拉·热合曼", "帕提古丽·吾斯曼", "依明江·卡德尔", "库尔班·尼亚孜",
    "哈力木拉提·加帕尔", "别克·沙吾提", "马成林", "白玉明", "乌兰", "敖登", "阿依古丽·吐尔逊",
    "李建新", "罗晓燕", "沙塔尔·买买提", "艾尔肯·阿木提", "徐海涛", "姜红",
]

UNIVERSITIES = ["新疆大学", "新疆农业大学", "石河子大学", "塔里木大学", "新疆医科大学", "喀什大学",
                "伊犁师范大学", "新疆师范大学", "昌吉学院", "西北农林科技大学", "河海大学",
                "西南交通大学", "长安大学", "南京信息工程大学"]

AUTHORITIES = ["新疆维吾尔自治区人力资源和社会保障厅", "新疆维吾尔自治区职称改革工作领导小组办公室",
               "新疆生产建设兵团人力资源和社会保障局", "巴音郭楞蒙古自治州人力资源和社会保障局",
               "新疆维吾尔自治区水利厅", "新疆维吾尔自治区卫生健康委员会", "新疆维吾尔自治区教育厅",
               "新疆维吾尔自治区农业农村厅", "伊犁哈萨克自治州人力资源和社会保障局"]

TRAINING = ["新疆维吾尔自治区专业技术人员继续教育基地", "新疆维吾尔自治区人力资源和社会保障厅培训中心",
            "巴音郭楞蒙古自治州专业技术人员继续教育中心", "新疆生产建设兵团专业技术人员继续教育中心",
            "伊犁哈萨克自治州人才发展服务中心", "新疆维吾尔自治区水利干部培训中心",
            "新疆维吾尔自治区卫生健康人才发展中心"]

# Same region, other bureau: differs from an applicant's employer only in the last words.
NEAR_ORGS = {
    "wang-fang": ["巴音郭楞蒙古自治州水文勘测局", "巴音郭楞蒙古自治州财政局", "巴州水利局灌溉试验站"],
    "ayguli-mamat": ["阿克苏地区第二人民医院", "阿克苏地区中医医院"],
    "ali-tursun": ["喀什地区农业农村局", "喀什地区林业和草原局"],
    "nurlan-hasymkhan": ["伊犁哈萨克自治州林业和草原局", "伊犁哈萨克自治州农业农村局"],
    "ma-jianguo": ["昌吉回族自治州第一中学", "昌吉回族自治州教育局"],
    "bater": ["博尔塔拉蒙古自治州生态环境局", "博尔塔拉蒙古自治州住房和城乡建设局"],
    "gulnar-abdurahman": ["和田地区卫生健康委员会", "和田地区教育科学研究所"],
    "zhang-wei": ["新疆生产建设兵团第一师阿拉尔市农业农村局", "新疆生产建设兵团第一师水利水电工程处"],
    "li-xiuying": ["乌鲁木齐市第二人民医院", "乌鲁木齐市中医医院"],
    "reyila-ablez": ["吐鲁番市高昌区卫生健康委员会", "吐鲁番市人民医院"],
    "yerlan-nurbek": ["阿勒泰地区自然资源局", "阿勒泰地区林业和草原局森林病虫害防治检疫站"],
    "ouyang-minghui": ["克拉玛依市独山子区人民政府", "克拉玛依市住房和城乡建设局"],
    "ma-xiulan": ["新疆生产建设兵团第八师石河子市卫生健康委员会", "石河子大学医学院第一附属医院"],
    "qiqige": ["巴音郭楞蒙古自治州气象局", "和静县自然资源局"],
    "mamatjan-turhun": ["哈密市伊州区住房和城乡建设局", "哈密市交通运输局"],
    "dilnur-aziz": ["塔城地区人民医院", "塔城地区卫生健康委员会"],
}

OTHER_ORGS = ["新疆维吾尔自治区社会保险管理局", "乌鲁木齐市社会保险管理局", "新疆维吾尔自治区科学技术协会",
              "中国水利学会", "新疆维吾尔自治区总工会", "新疆维吾尔自治区水利水电勘测设计研究院",
              "新疆维吾尔自治区畜牧科学院", "新疆维吾尔自治区农业科学院"]

JOURNALS = [("水利规划与设计", "Water Resources Planning and Design"),
            ("新疆农业科学", "Xinjiang Agricultural Sciences"),
            ("中国畜牧兽医", "China Animal Husbandry & Veterinary Medicine"),
            ("新疆医科大学学报", "Journal of Xinjiang Medical University"),
            ("新疆师范大学学报", "Journal of Xinjiang Normal University"), ("干旱区研究", "Arid Zone Research"),
            ("地下水", "Ground Water"), ("中国农村水利水电", "China Rural Water and Hydropower"),
            ("现代农业科技", "Modern Agricultural Science and Technology"), ("护理研究", "Chinese Nursing Research"),
            ("草食家畜", "Grass-Feeding Livestock"), ("交通世界", "Transpo World")]

# Prose bits (no names in them).
FILLER = [
    "近年来，随着区域经济社会的快速发展，水资源供需矛盾日益突出，对工程管理提出了更高的要求。",
    "本文在系统梳理相关文献的基础上，结合实际工作经验，对存在的主要问题进行了分析。",
    "结果表明，采取综合措施后，各项指标均有明显改善，达到了预期目标。",
    "试验采用随机区组设计，设置三个处理，每个处理重复三次，小区面积为三十平方米。",
    "数据采用统计软件进行方差分析，差异显著性检验采用多重比较法。",
    "在实施过程中，应加强组织领导，明确责任分工，建立健全长效管理机制。",
    "同时，要注重基层技术人员的培养，不断提高业务水平和服务能力。",
    "通过对比分析可知，改进后的方法在精度和效率方面均优于传统方法。",
    "该地区属于典型的温带大陆性干旱气候，年均降水量不足一百毫米，蒸发强烈。",
    "针对上述问题，提出了优化调度方案，并在典型区域进行了推广应用。",
    "监测结果显示，各观测点的指标变化趋势基本一致，年际波动较小。",
    "实践证明，该技术操作简便，成本较低，具有较好的推广价值。",
    "今后应进一步加大资金投入，完善配套设施，提升信息化管理水平。",
    "研究区位于天山南麓，地势北高南低，土壤以灌淤土和棕漠土为主。",
    "调查共发放问卷三百二十份，回收有效问卷二百九十八份，有效率为百分之九十三。",
    "各项工作严格按照有关规范和标准执行，质量控制措施落实到位。",
    "该方法在实际应用中取得了良好的效果，为类似工程提供了参考。",
    "由于样本量有限，部分结论仍需在今后的工作中进一步验证。",
]

SUMMARY = [
    "一年来，本人认真学习党的路线方针政策，坚决拥护党的领导，政治立场坚定。",
    "工作中严格遵守各项规章制度，服从组织安排，认真完成领导交办的各项任务。",
    "积极参加业务培训和继续教育，不断更新专业知识，提高业务能力。",
    "注重团结同事，发挥传帮带作用，指导年轻同志开展业务工作。",
    "全年无违纪违规行为，廉洁自律，作风端正。",
    "今后将继续努力，克服不足，争取在工作中取得更大成绩。",
]

LEADER_COMMENTS = [
    "该同志政治思想素质好，业务能力强，工作认真负责，圆满完成了全年各项工作任务。",
    "该同志工作积极主动，团结同志，专业技术水平较高，群众评价好。",
    "该同志爱岗敬业，责任心强，在本职岗位上做出了突出成绩。",
]

TRAININGS = ["2021年度专业技术人员继续教育公需科目", "专业技术人员职业道德与诚信建设",
             "水利工程建设质量管理专题", "基层卫生技术人员业务能力提升", "现代农业技术推广骨干",
             "中小学骨干教师能力提升", "专业技术人员创新能力建设", "国土空间规划业务"]

HONOURS = ["先进工作者", "优秀共产党员", "优秀专业技术人才", "岗位能手", "民族团结进步模范个人",
           "优秀教师", "优秀医务工作者", "三八红旗手", "青年岗位能手"]

ARTICLE_TITLES = ["{spec}领域若干关键问题的分析与对策", "基于实测数据的{spec}效果评价",
                  "{focus}的实践与思考", "新疆{spec}发展现状及建议", "浅析{focus}中存在的问题及对策"]
