package org.gridlens.pipeline.generate;

import java.util.SplittableRandom;

/** Chinese personal names, company names, addresses and grid names for the synthetic city. */
final class ChineseNames {

  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
    "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘",
    "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "沈", "姚", "卢", "钟", "姜"
  };
  private static final String[] COMPOUND_SURNAMES = {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "司徒"};
  private static final String GIVEN_MALE = "伟强磊军洋勇杰涛明超辉刚平鹏华飞鑫波斌宇浩凯健俊帆亮建国志文博";
  private static final String GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀玲桂英婷雪琳晶颖慧佳倩丹萍红燕璐欣怡梅兰";
  private static final String[] DISTRICTS = {"上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区"};
  /** Administrative division codes of the districts above, for identity numbers. */
  static final String[] REGION_CODES = {"330102", "330105", "330106", "330108", "330109", "330110", "330113", "330114"};
  private static final String[] ROADS = {
    "文三路", "文一西路", "天目山路", "莫干山路", "延安路", "解放路", "庆春路", "凤起路", "教工路", "古墩路",
    "江南大道", "滨盛路", "江陵路", "学林街", "金沙大道", "五常大道", "文二路", "体育场路", "建国北路", "秋涛路",
    "丰潭路", "紫荆花路", "余杭塘路", "良睦路", "创业路", "东新路", "石祥路", "湖墅南路", "钱江路", "之江路"
  };
  private static final String[] COMMUNITIES = {"花园", "小区", "新村", "公寓", "家园", "苑", "府", "广场"};
  private static final String[] COMMUNITY_WORDS = {"翠苑", "嘉绿", "德加", "金都", "绿城", "阳光", "和家", "万科", "杨柳", "春江", "碧桂", "桂花"};
  private static final String[] COMPANY_WORDS = {"华信", "恒达", "星辰", "锦程", "瑞丰", "东方", "汇通", "博远", "盛世", "天成"};
  private static final String[] COMPANY_TRADES = {"科技", "贸易", "物流", "电子", "建设", "餐饮", "文化", "机械"};
  private static final String CHINESE_NUMBERS = "一二三四五六七八九十";

  private ChineseNames() {}

  /** A personal name: surname (about 2% compound, such as 欧阳) and a one- or two-character given name. */
  static String person(SplittableRandom r, boolean male) {
    String surname =
        r.nextDouble() < 0.02
            ? COMPOUND_SURNAMES[r.nextInt(COMPOUND_SURNAMES.length)]
            : SURNAMES[r.nextInt(SURNAMES.length)];
    String pool = male ? GIVEN_MALE : GIVEN_FEMALE;
    StringBuilder sb = new StringBuilder(surname);
    sb.append(pool.charAt(r.nextInt(pool.length())));
    if (r.nextDouble() < 0.7) {
      sb.append(pool.charAt(r.nextInt(pool.length())));
    }
    return sb.toString();
  }

  static String company(SplittableRandom r) {
    return "杭州" + COMPANY_WORDS[r.nextInt(COMPANY_WORDS.length)] + COMPANY_TRADES[r.nextInt(COMPANY_TRADES.length)]
        + "有限公司";
  }

  /** District index for a main grid (a stable function of its number). */
  static int districtOf(int mainIndex) {
    return mainIndex % DISTRICTS.length;
  }

  static String address(SplittableRandom r, int district) {
    return "浙江省杭州市" + DISTRICTS[district] + ROADS[r.nextInt(ROADS.length)] + (1 + r.nextInt(399)) + "号"
        + COMMUNITY_WORDS[r.nextInt(COMMUNITY_WORDS.length)] + COMMUNITIES[r.nextInt(COMMUNITIES.length)]
        + (1 + r.nextInt(30)) + "幢" + (1 + r.nextInt(6)) + "单元" + (101 + r.nextInt(25) * 100 + r.nextInt(4)) + "室";
  }

  static String mainGridName(int mainIndex) {
    return DISTRICTS[districtOf(mainIndex)] + ROADS[mainIndex % ROADS.length] + "网格";
  }

  static String subGridName(String mainName, int subNumber) {
    String base = mainName.endsWith("网格") ? mainName.substring(0, mainName.length() - 2) : mainName;
    return base + number(subNumber) + "区网格";
  }

  /** 1..99 in Chinese numerals. */
  static String number(int n) {
    if (n <= 10) {
      return String.valueOf(CHINESE_NUMBERS.charAt(n - 1));
    }
    int tens = n / 10;
    int ones = n % 10;
    return (tens > 1 ? String.valueOf(CHINESE_NUMBERS.charAt(tens - 1)) : "") + "十"
        + (ones > 0 ? String.valueOf(CHINESE_NUMBERS.charAt(ones - 1)) : "");
  }
}
