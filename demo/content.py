"""The demo newsroom's copy: sections, their stories, authors, accounts and the reporter's
work in progress. All of it is original demo text."""

from dataclasses import dataclass

from articles.models import Article
from articles.roles import EDITORS, REPORTERS


@dataclass(frozen=True)
class Story:
    """One demo story; {place} and {when} are filled in per article."""

    title: str
    sapo: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    quote: tuple[str, str] | None = None


@dataclass(frozen=True)
class SectionSpec:
    """A demo section with what its articles are written from."""

    slug: str
    name: str
    description: str
    position: int
    colors: tuple[tuple[int, int, int], tuple[int, int, int]]
    color_name: str
    tag: str
    places: tuple[str, ...]
    stories: tuple[Story, ...]
    closings: tuple[str, ...]
    headings: tuple[str, ...]
    captions: tuple[str, ...]
    parent: str | None = None


SECTIONS = (
    SectionSpec(
        slug="cong-doan",
        name="Công đoàn",
        description=(
            "Hoạt động công đoàn, chăm lo đời sống và bảo vệ quyền lợi người lao động Thủ đô."
        ),
        position=1,
        colors=((178, 28, 36), (240, 128, 64)),
        color_name="đỏ cam",
        tag="Công đoàn",
        places=(
            "Khu công nghiệp Thăng Long",
            "Khu công nghiệp Quang Minh",
            "Khu công nghiệp Nội Bài",
            "Khu công nghiệp Bắc Thăng Long",
            "Khu công nghiệp Phú Nghĩa",
            "Khu công nghệ cao Hòa Lạc",
            "Khu công nghiệp Thạch Thất - Quốc Oai",
        ),
        stories=(
            Story(
                title="Khám sức khỏe miễn phí cho công nhân {place}",
                sapo=(
                    "{when}, Công đoàn {place} phối hợp với một bệnh viện trên địa bàn tổ chức "
                    "khám sức khỏe miễn phí cho hơn 500 đoàn viên, người lao động."
                ),
                paragraphs=(
                    "Chương trình diễn ra trong hai ngày, tập trung vào các chuyên khoa nội tổng "
                    "quát, mắt, tai mũi họng và xét nghiệm máu. Những trường hợp cần theo dõi "
                    "thêm được bác sĩ tư vấn và giới thiệu đến cơ sở y tế phù hợp.",
                    "Nhiều công nhân cho biết đây là lần đầu tiên sau nhiều năm họ được khám tổng "
                    "quát, bởi lịch làm việc theo ca khiến việc đi khám trong giờ hành chính gần "
                    "như không thể.",
                    "Ban tổ chức dự kiến duy trì chương trình mỗi năm hai lần và mở rộng thêm "
                    "chuyên khoa sức khỏe sinh sản cho lao động nữ.",
                ),
                tags=("người lao động", "sức khỏe"),
                quote=(
                    "Chăm lo sức khỏe cho người lao động là cách thiết thực nhất để công đoàn "
                    "gắn bó với đoàn viên.",
                    "Đại diện ban tổ chức",
                ),
            ),
            Story(
                title="Đối thoại về tiền lương và điều kiện làm việc tại {place}",
                sapo=(
                    "{when}, hơn 200 người lao động ở {place} đã trực tiếp nêu kiến nghị về tiền "
                    "lương, ca kíp và bữa ăn giữa ca với đại diện doanh nghiệp."
                ),
                paragraphs=(
                    "Tại buổi đối thoại, nhiều ý kiến đề nghị doanh nghiệp công khai cách tính "
                    "lương làm thêm giờ, bố trí thêm chỗ để xe có mái che và nâng chất lượng bữa "
                    "ăn giữa ca.",
                    "Đại diện các doanh nghiệp đã trả lời trực tiếp từng kiến nghị; những nội dung "
                    "chưa thể giải quyết ngay được ghi nhận kèm thời hạn phản hồi cụ thể.",
                    "Cán bộ công đoàn cho biết sẽ theo dõi việc thực hiện các cam kết và thông báo "
                    "kết quả tới người lao động qua bảng tin của từng tổ sản xuất.",
                ),
                tags=("tiền lương", "đối thoại"),
                quote=(
                    "Đối thoại thẳng thắn giúp hai bên hiểu nhau hơn và hạn chế những bức xúc "
                    "tích tụ lâu ngày.",
                    "Chủ tịch một công đoàn cơ sở",
                ),
            ),
            Story(
                title="Mái ấm công đoàn trao nhà mới cho đoàn viên {place}",
                sapo=(
                    "Chương trình Mái ấm công đoàn vừa hỗ trợ kinh phí xây mới và sửa chữa nhà ở "
                    "cho 5 đoàn viên có hoàn cảnh khó khăn đang làm việc tại {place}."
                ),
                paragraphs=(
                    "Mỗi gia đình được hỗ trợ từ 50 đến 80 triệu đồng, phần còn lại do người thân "
                    "và đồng nghiệp góp công, góp sức. Các căn nhà đều được hoàn thiện trước mùa "
                    "mưa bão.",
                    "Chị Hoa, công nhân một xưởng may, xúc động cho biết gia đình chị đã ở trong "
                    "căn nhà dột nát suốt gần mười năm. Có chỗ ở ổn định, chị yên tâm gắn bó với "
                    "công việc.",
                    "Kinh phí của chương trình được vận động từ các cấp công đoàn, doanh nghiệp và "
                    "các nhà hảo tâm.",
                ),
                tags=("Mái ấm công đoàn", "người lao động"),
            ),
            Story(
                title="Công nhân {place} sôi nổi hội thi an toàn vệ sinh lao động",
                sapo=(
                    "{when}, hội thi an toàn, vệ sinh lao động dành cho an toàn vệ sinh viên các "
                    "doanh nghiệp tại {place} đã thu hút 24 đội tham gia."
                ),
                paragraphs=(
                    "Các đội thi trải qua ba phần: kiến thức pháp luật về an toàn lao động, xử lý "
                    "tình huống giả định và sơ cứu người bị nạn. Nhiều tiểu phẩm được dựng từ "
                    "chính những sự cố từng xảy ra tại nhà xưởng.",
                    "Theo ban tổ chức, hội thi không chỉ là sân chơi mà còn là dịp để người lao "
                    "động rà soát lại những thói quen thiếu an toàn trong dây chuyền sản xuất.",
                    "Kết thúc hội thi, ban tổ chức trao giải nhất cho đội của một doanh nghiệp cơ "
                    "khí, cùng nhiều giải phụ cho các cá nhân xuất sắc.",
                ),
                tags=("an toàn lao động", "hội thi"),
            ),
            Story(
                title="Phiên chợ công nhân với hàng nghìn sản phẩm giá ưu đãi tại {place}",
                sapo=(
                    "{when}, phiên chợ dành cho đoàn viên, người lao động được tổ chức tại {place} "
                    "với nhiều mặt hàng thiết yếu giảm giá từ 10 đến 30%."
                ),
                paragraphs=(
                    "Mỗi công nhân được phát một phiếu mua hàng trị giá 200.000 đồng để dùng ngay "
                    "tại các gian hàng thực phẩm, đồ gia dụng và quần áo.",
                    "Các doanh nghiệp tham gia cam kết hàng hóa có nguồn gốc rõ ràng, niêm yết giá "
                    "công khai. Phiên chợ kéo dài đến 21 giờ để người làm ca chiều vẫn kịp ghé "
                    "mua.",
                    "Anh Tuấn, công nhân lắp ráp linh kiện điện tử, cho biết với mức giá này, gia "
                    "đình anh tiết kiệm được một khoản đáng kể cho chi tiêu trong tháng.",
                ),
                tags=("phúc lợi", "người lao động"),
            ),
            Story(
                title="Nâng cao kỹ năng số cho cán bộ công đoàn cơ sở tại {place}",
                sapo=(
                    "Lớp tập huấn kỹ năng số vừa giúp hơn 80 cán bộ công đoàn cơ sở tại {place} "
                    "làm quen với việc quản lý đoàn viên và tiếp nhận phản ánh trực tuyến."
                ),
                paragraphs=(
                    "Học viên được hướng dẫn cập nhật dữ liệu đoàn viên, lập phiếu khảo sát ý kiến "
                    "và bảo mật thông tin cá nhân của người lao động khi làm việc trên điện thoại.",
                    "Nhiều cán bộ công đoàn kiêm nhiệm cho biết trước đây việc tổng hợp ý kiến mất "
                    "vài tuần; nay chỉ cần vài ngày là có kết quả để làm việc với doanh nghiệp.",
                    "Sau lớp học, các công đoàn cơ sở sẽ thử nghiệm kênh tiếp nhận phản ánh trực "
                    "tuyến trong ba tháng trước khi nhân rộng.",
                ),
                tags=("chuyển đổi số", "cán bộ công đoàn"),
            ),
        ),
        closings=(
            "Thời gian tới, tổ chức công đoàn tiếp tục lắng nghe tâm tư, nguyện vọng của đoàn "
            "viên để có những hoạt động chăm lo thiết thực, đúng nhu cầu.",
            "Các hoạt động này nằm trong chương trình chăm lo đời sống vật chất, tinh thần cho "
            "người lao động được triển khai xuyên suốt trong năm.",
            "Người lao động có thể liên hệ trực tiếp cán bộ công đoàn cơ sở hoặc gọi đường dây "
            "nóng của công đoàn để được tư vấn, hỗ trợ.",
        ),
        headings=("Lắng nghe người lao động", "Chăm lo thiết thực"),
        captions=(
            "Đoàn viên, người lao động tại {place}.",
            "Cán bộ công đoàn trò chuyện với công nhân {place}.",
        ),
    ),
    SectionSpec(
        slug="xa-hoi",
        name="Xã hội",
        description="Đời sống dân sinh, an sinh xã hội và những câu chuyện đẹp giữa lòng Hà Nội.",
        position=2,
        colors=((14, 104, 114), (122, 200, 188)),
        color_name="xanh ngọc",
        tag="đời sống",
        places=(
            "phường Ba Đình",
            "phường Hoàn Kiếm",
            "phường Đống Đa",
            "phường Cầu Giấy",
            "phường Long Biên",
            "phường Tây Hồ",
            "phường Hà Đông",
            "xã Sóc Sơn",
        ),
        stories=(
            Story(
                title="Bếp cơm 0 đồng ấm lòng bệnh nhân nghèo ở {place}",
                sapo=(
                    "Mỗi trưa, hàng trăm suất cơm nóng được nhóm tình nguyện ở {place} nấu và mang "
                    "tới tận tay bệnh nhân, người nhà bệnh nhân có hoàn cảnh khó khăn."
                ),
                paragraphs=(
                    "Bếp ăn bắt đầu đỏ lửa từ 5 giờ sáng. Các tình nguyện viên, phần lớn là người "
                    "đã nghỉ hưu và sinh viên, chia nhau nhặt rau, nấu cơm và đóng hộp.",
                    "Thực phẩm chủ yếu do tiểu thương và người dân quanh khu vực đóng góp. Có "
                    "người gửi bao gạo, có người chỉ góp vài bó rau nhưng đều đặn mỗi tuần.",
                    "Trưởng nhóm cho biết điều khó nhất không phải là kinh phí mà là duy trì đủ "
                    "người nấu vào những ngày mưa rét.",
                ),
                tags=("thiện nguyện", "bệnh nhân nghèo"),
                quote=(
                    "Chúng tôi chỉ mong mỗi suất cơm giúp người bệnh có thêm chút sức để điều trị.",
                    "Trưởng nhóm tình nguyện",
                ),
            ),
            Story(
                title="Tổ dân phố ở {place} phân loại rác tại nguồn",
                sapo=(
                    "{when}, nhiều tổ dân phố ở {place} đã hoàn thành đợt hướng dẫn phân loại rác "
                    "tại nguồn, với tỷ lệ hộ tham gia đạt hơn 80%."
                ),
                paragraphs=(
                    "Mỗi hộ được phát hai thùng đựng rác và tờ hướng dẫn phân biệt rác hữu cơ, rác "
                    "tái chế và rác còn lại. Tổ trưởng dân phố đến từng nhà giải đáp thắc mắc.",
                    "Rác tái chế được thu gom riêng vào cuối tuần; tiền bán phế liệu được đưa vào "
                    "quỹ khuyến học của tổ dân phố.",
                    "Một số hộ cao tuổi còn lúng túng, song sau vài tuần, việc phân loại đã dần "
                    "trở thành thói quen.",
                ),
                tags=("môi trường", "rác thải"),
            ),
            Story(
                title="Nhà văn hóa ở {place} thành điểm sinh hoạt cho thiếu nhi",
                sapo=(
                    "Thay vì đóng cửa vào buổi tối, nhà văn hóa ở {place} mở lớp kỹ năng, thư viện "
                    "nhỏ và sân chơi miễn phí cho trẻ em trong khu dân cư."
                ),
                paragraphs=(
                    "Các lớp vẽ tranh và kỹ năng phòng tránh đuối nước do đoàn viên thanh niên và "
                    "phụ huynh tình nguyện đứng lớp.",
                    "Tủ sách của nhà văn hóa có gần 1.000 cuốn do người dân quyên góp, được xếp "
                    "theo lứa tuổi để các em dễ tìm.",
                    "Phụ huynh cho biết nhờ có điểm sinh hoạt gần nhà, trẻ bớt dán mắt vào điện "
                    "thoại và có thêm bạn bè cùng trang lứa.",
                ),
                tags=("thiếu nhi", "cộng đồng"),
            ),
            Story(
                title="Người cao tuổi ở {place} học dùng điện thoại thông minh",
                sapo=(
                    "{when}, lớp học miễn phí giúp người cao tuổi ở {place} dùng điện thoại thông "
                    "minh để gọi video, thanh toán và nhận diện tin nhắn lừa đảo đã khai giảng."
                ),
                paragraphs=(
                    "Học viên lớn tuổi nhất đã ngoài 80. Mỗi buổi học chỉ tập trung vào một thao "
                    "tác, được nhắc lại nhiều lần cho đến khi các cụ tự làm được.",
                    "Phần được quan tâm nhất là nhận biết cuộc gọi, tin nhắn giả danh cơ quan chức "
                    "năng. Giảng viên đưa ra những tình huống thực tế để học viên tự phán đoán.",
                    "Lớp học do hội người cao tuổi phối hợp với đoàn thanh niên tổ chức, dự kiến "
                    "mở thêm hai khóa trong năm.",
                ),
                tags=("người cao tuổi", "kỹ năng số"),
            ),
            Story(
                title="Ngày hội hiến máu ở {place} tiếp nhận hơn 300 đơn vị máu",
                sapo=(
                    "Ngày hội hiến máu tình nguyện tổ chức tại {place} đã tiếp nhận hơn 300 đơn vị "
                    "máu, góp phần bổ sung nguồn máu cho các bệnh viện."
                ),
                paragraphs=(
                    "Người tham gia được kiểm tra sức khỏe, xét nghiệm nhanh và nghỉ ngơi tại chỗ "
                    "sau khi hiến máu. Nhiều gia đình cùng đăng ký hiến máu theo nhóm.",
                    "Một tình nguyện viên cho biết anh đã hiến máu 15 lần và coi đây là việc làm "
                    "thường xuyên như đi tập thể dục.",
                    "Ban tổ chức khuyến nghị người dân ăn nhẹ, ngủ đủ giấc trước ngày hiến máu và "
                    "mang theo giấy tờ tùy thân.",
                ),
                tags=("hiến máu", "thiện nguyện"),
            ),
            Story(
                title="Sửa cầu thang, thông lối thoát nạn ở khu tập thể cũ tại {place}",
                sapo=(
                    "Các hộ dân trong một khu tập thể cũ tại {place} đã thống nhất góp kinh phí "
                    "sửa cầu thang, lắp đèn chiếu sáng và dọn thông lối thoát nạn."
                ),
                paragraphs=(
                    "Trước đây, hành lang chung bị chiếm làm nơi để đồ và phơi quần áo, gây khó "
                    "khăn cho việc đi lại và tiềm ẩn nguy cơ cháy nổ.",
                    "Sau nhiều buổi họp, các hộ đồng ý dọn dẹp, di chuyển đồ đạc và cử đại diện "
                    "giám sát việc thi công.",
                    "Chính quyền địa phương hỗ trợ kiểm tra hệ thống điện và hướng dẫn người dân "
                    "sử dụng bình chữa cháy.",
                ),
                tags=("phòng cháy chữa cháy", "khu tập thể"),
            ),
        ),
        closings=(
            "Những mô hình như thế này cho thấy sức mạnh của cộng đồng khi mỗi người cùng góp "
            "một phần nhỏ.",
            "Chính quyền địa phương cho biết sẽ tổng kết, nhân rộng cách làm hiệu quả ra các khu "
            "dân cư khác.",
            "Người dân có nhu cầu tham gia có thể đăng ký qua tổ trưởng dân phố hoặc trang thông "
            "tin của địa phương.",
        ),
        headings=("Sức mạnh cộng đồng", "Cách làm sáng tạo"),
        captions=(
            "Người dân {place} tham gia hoạt động cộng đồng.",
            "Một góc khu dân cư ở {place}.",
        ),
    ),
    SectionSpec(
        slug="ban-doc",
        name="Bạn đọc",
        description="Thư, phản ánh và câu hỏi của bạn đọc gửi về tòa soạn.",
        position=1,
        parent="xa-hoi",
        colors=((64, 84, 150), (172, 182, 232)),
        color_name="xanh tím",
        tag="bạn đọc",
        places=(
            "phường Thanh Xuân",
            "phường Cầu Giấy",
            "phường Long Biên",
            "phường Đống Đa",
            "phường Hà Đông",
            "xã Đông Anh",
            "xã Gia Lâm",
        ),
        stories=(
            Story(
                title="Bạn đọc phản ánh đèn chiếu sáng hỏng kéo dài ở {place}",
                sapo=(
                    "Bạn đọc gửi thư về tòa soạn phản ánh nhiều cột đèn trên tuyến đường nội bộ ở "
                    "{place} không hoạt động, khiến việc đi lại buổi tối gặp khó khăn."
                ),
                paragraphs=(
                    "Theo phản ánh, tình trạng kéo dài gần một tháng. Nhiều người đi bộ tập thể "
                    "dục buổi tối phải dùng đèn pin để tránh các ổ gà trên mặt đường.",
                    "Tòa soạn đã chuyển nội dung phản ánh tới đơn vị quản lý hệ thống chiếu sáng. "
                    "Đơn vị này cho biết sẽ kiểm tra, thay bóng đèn và tủ điện hỏng trong tuần.",
                    "Tòa soạn sẽ tiếp tục theo dõi và thông tin kết quả xử lý tới bạn đọc.",
                ),
                tags=("phản ánh", "hạ tầng đô thị"),
            ),
            Story(
                title="Bạn đọc ở {place} hỏi về điều kiện hưởng trợ cấp thất nghiệp",
                sapo=(
                    "Một bạn đọc ở {place} vừa nghỉ việc sau ba năm làm công nhân, muốn biết cần "
                    "những điều kiện gì để được hưởng trợ cấp thất nghiệp."
                ),
                paragraphs=(
                    "Theo quy định, người lao động cần đóng bảo hiểm thất nghiệp đủ thời gian "
                    "luật định trước khi chấm dứt hợp đồng lao động và nộp hồ sơ tại trung tâm "
                    "dịch vụ việc làm trong thời hạn quy định.",
                    "Người lao động đơn phương chấm dứt hợp đồng trái pháp luật hoặc đang hưởng "
                    "lương hưu không thuộc diện được hưởng trợ cấp.",
                    "Bạn đọc nên mang theo sổ bảo hiểm xã hội, quyết định thôi việc và giấy tờ tùy "
                    "thân khi đến làm thủ tục để được hướng dẫn cụ thể.",
                ),
                tags=("bảo hiểm thất nghiệp", "hỏi đáp"),
            ),
            Story(
                title="Cảm ơn những người lạ đã giúp cụ bà đi lạc ở {place}",
                sapo=(
                    "Bạn đọc Nguyễn Thị Minh gửi thư cảm ơn những người dân ở {place} đã giúp mẹ "
                    "chị, một cụ bà 82 tuổi bị lạc đường, trở về nhà an toàn."
                ),
                paragraphs=(
                    "Theo thư của bạn đọc, cụ bà đi bộ ra chợ rồi không nhớ đường về. Một chị bán "
                    "nước nhận ra cụ bối rối nên mời vào nghỉ, rồi nhờ công an tìm người thân.",
                    "Chỉ sau hơn một giờ, gia đình đã đón được cụ. Người giúp đỡ nhất quyết không "
                    "nhận quà cảm ơn.",
                    "Chị Minh mong câu chuyện nhỏ này nhắc mọi người để ý hơn tới người cao tuổi "
                    "đi một mình ngoài đường.",
                ),
                tags=("người tốt việc tốt", "người cao tuổi"),
            ),
            Story(
                title="Bạn đọc ở {place} phản ánh tiếng ồn từ quán karaoke về đêm",
                sapo=(
                    "Nhiều hộ dân ở {place} gửi phản ánh về tiếng ồn kéo dài đến quá nửa đêm từ "
                    "một quán karaoke trong khu dân cư."
                ),
                paragraphs=(
                    "Người dân cho biết đã nhiều lần nhắc nhở nhưng tình trạng chỉ giảm được vài "
                    "hôm rồi lại tái diễn, ảnh hưởng đến giấc ngủ của trẻ nhỏ và người già.",
                    "Sau khi nhận phản ánh, chính quyền địa phương đã kiểm tra, yêu cầu chủ cơ sở "
                    "cam kết tuân thủ giờ hoạt động và các quy định về tiếng ồn.",
                    "Bạn đọc có thể tiếp tục gửi thông tin, hình ảnh về tòa soạn nếu vi phạm tái "
                    "diễn.",
                ),
                tags=("phản ánh", "tiếng ồn"),
            ),
            Story(
                title="Bạn đọc ở {place} hỏi về chế độ thai sản sau khi nghỉ việc",
                sapo=(
                    "Một bạn đọc ở {place} đang mang thai tháng thứ năm và dự định nghỉ việc, hỏi "
                    "liệu mình có còn được hưởng chế độ thai sản hay không."
                ),
                paragraphs=(
                    "Theo quy định về bảo hiểm xã hội, lao động nữ đã nghỉ việc vẫn có thể được "
                    "hưởng chế độ thai sản khi sinh con nếu đã đóng đủ thời gian bảo hiểm xã hội "
                    "trong khoảng thời gian trước khi sinh.",
                    "Người đã nghỉ việc nộp hồ sơ trực tiếp cho cơ quan bảo hiểm xã hội nơi cư "
                    "trú, thường gồm giấy khai sinh của con và giấy tờ tùy thân.",
                    "Bạn đọc nên kiểm tra quá trình đóng bảo hiểm trên ứng dụng của ngành bảo hiểm "
                    "xã hội trước khi quyết định thời điểm nghỉ việc.",
                ),
                tags=("chế độ thai sản", "hỏi đáp"),
            ),
            Story(
                title="Vỉa hè ở {place} bị chiếm làm bãi trông xe",
                sapo=(
                    "Bạn đọc phản ánh đoạn vỉa hè trước một dãy cửa hàng ở {place} bị chiếm làm "
                    "bãi trông xe, buộc người đi bộ phải xuống lòng đường."
                ),
                paragraphs=(
                    "Vào giờ cao điểm, xe máy xếp kín vỉa hè, chỉ chừa một lối nhỏ. Người đẩy xe "
                    "nôi hoặc đi xe lăn gần như không thể đi qua.",
                    "Lực lượng trật tự đô thị địa phương cho biết đã lập biên bản, yêu cầu các hộ "
                    "kinh doanh trả lại lối đi và sẽ kiểm tra thường xuyên.",
                    "Tòa soạn cảm ơn bạn đọc đã cung cấp thông tin và hình ảnh.",
                ),
                tags=("phản ánh", "vỉa hè"),
            ),
        ),
        closings=(
            "Bạn đọc có thể gửi phản ánh, câu hỏi về tòa soạn qua thư điện tử hoặc đường dây "
            "nóng; mọi thông tin cá nhân đều được giữ kín.",
            "Nội dung trả lời mang tính tham khảo; với trường hợp cụ thể, bạn đọc nên liên hệ cơ "
            "quan chức năng để được hướng dẫn.",
            "Tòa soạn trân trọng cảm ơn những lá thư bạn đọc đã gửi về chuyên mục.",
        ),
        headings=("Tòa soạn trả lời", "Ý kiến cơ quan chức năng"),
        captions=(
            "Bạn đọc gửi thư về tòa soạn.",
            "Khu vực được bạn đọc phản ánh tại {place}.",
        ),
    ),
    SectionSpec(
        slug="phap-luat",
        name="Pháp luật",
        description="Tin an ninh trật tự, xét xử và tư vấn pháp luật cho người lao động.",
        position=3,
        colors=((24, 38, 88), (92, 122, 182)),
        color_name="xanh đậm",
        tag="pháp luật",
        places=(
            "phường Ba Đình",
            "phường Đống Đa",
            "phường Cầu Giấy",
            "phường Hà Đông",
            "phường Long Biên",
            "xã Đông Anh",
            "xã Sóc Sơn",
            "xã Gia Lâm",
        ),
        stories=(
            Story(
                title="Cảnh giác chiêu tuyển dụng việc nhẹ lương cao ở {place}",
                sapo=(
                    "Công an {place} cảnh báo thủ đoạn đăng tin tuyển cộng tác viên làm việc tại "
                    "nhà rồi yêu cầu nạp tiền để nhận nhiệm vụ, khiến nhiều người mất tiền."
                ),
                paragraphs=(
                    "Theo cơ quan công an, các đối tượng thường trả hoa hồng cho vài nhiệm vụ đầu "
                    "để tạo lòng tin, rồi viện lý do lỗi hệ thống để yêu cầu nạp thêm tiền.",
                    "Nạn nhân phần lớn là sinh viên, người nội trợ và công nhân muốn kiếm thêm thu "
                    "nhập ngoài giờ.",
                    "Khi nhận được lời mời tương tự, người dân tuyệt đối không chuyển tiền và báo "
                    "ngay cho cơ quan công an gần nhất.",
                ),
                tags=("lừa đảo trực tuyến", "cảnh báo"),
                quote=(
                    "Không có công việc nào bắt người lao động nạp tiền trước để được trả lương.",
                    "Đại diện cơ quan công an",
                ),
            ),
            Story(
                title="Xét xử lưu động vụ trộm cắp tài sản tại {place}",
                sapo=(
                    "{when}, tòa án nhân dân đã mở phiên tòa xét xử lưu động tại {place} đối với "
                    "một bị cáo về tội trộm cắp tài sản."
                ),
                paragraphs=(
                    "Theo cáo trạng, bị cáo nhiều lần lợi dụng sơ hở của chủ nhà để lấy trộm xe "
                    "máy và điện thoại rồi mang đi bán lấy tiền tiêu xài.",
                    "Tại phiên tòa, bị cáo thừa nhận hành vi phạm tội. Hội đồng xét xử đã tuyên "
                    "mức án tương xứng, đồng thời buộc bị cáo bồi thường cho các bị hại.",
                    "Phiên tòa thu hút đông đảo người dân đến theo dõi, góp phần tuyên truyền, "
                    "giáo dục pháp luật tại cơ sở.",
                ),
                tags=("xét xử", "trộm cắp"),
            ),
            Story(
                title="Tư vấn pháp luật miễn phí cho người lao động tại {place}",
                sapo=(
                    "Buổi tư vấn pháp luật miễn phí tại {place} đã giải đáp hàng chục câu hỏi của "
                    "người lao động về hợp đồng, bảo hiểm xã hội và tranh chấp lao động."
                ),
                paragraphs=(
                    "Nhiều câu hỏi xoay quanh việc doanh nghiệp chậm đóng bảo hiểm xã hội và quyền "
                    "lợi khi chấm dứt hợp đồng lao động trước thời hạn.",
                    "Các luật sư tình nguyện hướng dẫn người lao động cách lưu giữ chứng cứ, tính "
                    "thời hiệu khởi kiện và các bước hòa giải tại cơ sở.",
                    "Những trường hợp phức tạp được văn phòng tư vấn pháp luật của công đoàn tiếp "
                    "tục hỗ trợ miễn phí.",
                ),
                tags=("tư vấn pháp luật", "người lao động"),
            ),
            Story(
                title="Triệt phá đường dây cho vay nặng lãi hoạt động tại {place}",
                sapo=(
                    "Cơ quan công an vừa triệt phá một đường dây cho vay nặng lãi hoạt động tại "
                    "{place}, với lãi suất bị cáo buộc lên tới hàng trăm phần trăm mỗi năm."
                ),
                paragraphs=(
                    "Các đối tượng dán quảng cáo vay tiền nhanh, không cần thế chấp trên cột điện "
                    "và tường nhà, nhắm vào những người đang cần tiền gấp.",
                    "Khi người vay chậm trả, nhóm này gọi điện đe dọa và nhắn tin bôi nhọ nạn nhân "
                    "tới người thân, đồng nghiệp.",
                    "Vụ việc đang được mở rộng điều tra. Cơ quan công an đề nghị những ai từng là "
                    "nạn nhân liên hệ để cung cấp thông tin.",
                ),
                tags=("tín dụng đen", "điều tra"),
            ),
            Story(
                title="Xử phạt cơ sở kinh doanh thực phẩm không rõ nguồn gốc ở {place}",
                sapo=(
                    "Đoàn kiểm tra liên ngành đã xử phạt một cơ sở kinh doanh ở {place} vì tàng "
                    "trữ hàng trăm ki-lô-gam thực phẩm đông lạnh không rõ nguồn gốc."
                ),
                paragraphs=(
                    "Tại thời điểm kiểm tra, chủ cơ sở không xuất trình được hóa đơn, chứng từ "
                    "chứng minh nguồn gốc hàng hóa. Nhiều sản phẩm đã quá hạn sử dụng.",
                    "Toàn bộ số hàng vi phạm đã được tạm giữ để tiêu hủy theo quy định.",
                    "Cơ quan chức năng khuyến cáo người tiêu dùng chỉ mua thực phẩm có nhãn mác rõ "
                    "ràng, tại các cửa hàng có địa chỉ tin cậy.",
                ),
                tags=("an toàn thực phẩm", "xử phạt"),
            ),
            Story(
                title="Hòa giải thành công tranh chấp đất đai kéo dài ở {place}",
                sapo=(
                    "Sau nhiều buổi gặp gỡ, tổ hòa giải cơ sở ở {place} đã giúp hai gia đình hàng "
                    "xóm giải quyết tranh chấp ranh giới đất kéo dài gần mười năm."
                ),
                paragraphs=(
                    "Mâu thuẫn bắt nguồn từ bức tường rào xây lấn vài chục phân. Qua nhiều năm, "
                    "hai gia đình gần như không nói chuyện với nhau.",
                    "Tổ hòa giải đã mời cán bộ địa chính đo đạc lại, đối chiếu hồ sơ và kiên trì "
                    "trò chuyện với từng người.",
                    "Cuối cùng, hai bên thống nhất phương án điều chỉnh tường rào và ký biên bản "
                    "hòa giải thành.",
                ),
                tags=("hòa giải", "đất đai"),
            ),
        ),
        closings=(
            "Khi phát hiện dấu hiệu vi phạm pháp luật, người dân có thể báo tin qua số điện thoại "
            "khẩn cấp hoặc trực tiếp tới cơ quan công an gần nhất.",
            "Các thông tin liên quan sẽ được cơ quan chức năng tiếp tục làm rõ và xử lý theo quy "
            "định của pháp luật.",
            "Tuyên truyền pháp luật tới từng khu dân cư được xác định là giải pháp lâu dài để "
            "phòng ngừa vi phạm.",
        ),
        headings=("Lời khuyên từ cơ quan chức năng", "Phòng ngừa từ cơ sở"),
        captions=(
            "Lực lượng chức năng làm nhiệm vụ tại {place}.",
            "Buổi tuyên truyền pháp luật tại {place}.",
        ),
    ),
    SectionSpec(
        slug="kinh-te",
        name="Kinh tế",
        description="Thị trường, doanh nghiệp, việc làm và thu nhập của người lao động.",
        position=4,
        colors=((18, 104, 58), (172, 210, 92)),
        color_name="xanh lá",
        tag="kinh tế",
        places=(
            "xã Gia Lâm",
            "xã Đông Anh",
            "phường Long Biên",
            "phường Hà Đông",
            "xã Thạch Thất",
            "xã Sóc Sơn",
            "phường Hoàng Mai",
            "phường Cầu Giấy",
        ),
        stories=(
            Story(
                title="Hợp tác xã rau an toàn ở {place} bán hàng qua sàn thương mại điện tử",
                sapo=(
                    "Từ chỗ chỉ bán cho thương lái, một hợp tác xã rau an toàn ở {place} nay đã "
                    "đưa sản phẩm lên sàn thương mại điện tử và giao hàng trong ngày."
                ),
                paragraphs=(
                    "Mỗi bó rau đều có tem truy xuất nguồn gốc; khách hàng quét mã là biết ngày "
                    "gieo trồng, ngày thu hoạch và người trực tiếp canh tác.",
                    "Ban đầu, nhiều xã viên lớn tuổi còn ngại công nghệ. Hợp tác xã đã cử một nhóm "
                    "thanh niên phụ trách chụp ảnh, đăng bán và trả lời khách hàng.",
                    "Theo ban giám đốc hợp tác xã, doanh thu từ kênh trực tuyến đã chiếm khoảng "
                    "một phần ba tổng doanh thu.",
                ),
                tags=("thương mại điện tử", "nông nghiệp"),
            ),
            Story(
                title="Doanh nghiệp ở {place} tuyển thêm hàng trăm lao động cho đơn hàng mới",
                sapo=(
                    "Nhiều doanh nghiệp sản xuất ở {place} đang tăng tuyển lao động để kịp tiến độ "
                    "các đơn hàng xuất khẩu mới, với thu nhập và phúc lợi được cải thiện."
                ),
                paragraphs=(
                    "Các vị trí cần tuyển nhiều nhất là công nhân may, lắp ráp linh kiện và nhân "
                    "viên kho vận. Một số doanh nghiệp hỗ trợ thêm tiền nhà trọ và xe đưa đón.",
                    "Đại diện một công ty cho biết giữ chân người lao động hiện quan trọng không "
                    "kém tuyển mới, nên doanh nghiệp chú trọng hơn tới bữa ăn và môi trường làm "
                    "việc.",
                    "Trung tâm dịch vụ việc làm cũng tổ chức các phiên giao dịch việc làm để kết "
                    "nối doanh nghiệp với người tìm việc.",
                ),
                tags=("việc làm", "tuyển dụng"),
                quote=(
                    "Người lao động bây giờ chọn doanh nghiệp không chỉ vì lương mà còn vì cách "
                    "họ được đối xử.",
                    "Giám đốc nhân sự một doanh nghiệp may",
                ),
            ),
            Story(
                title="Giá rau xanh tại các chợ ở {place} tăng nhẹ sau mưa lớn",
                sapo=(
                    "Sau những ngày mưa lớn, giá nhiều loại rau xanh tại các chợ dân sinh ở "
                    "{place} tăng từ 10 đến 20%, trong khi giá thịt, cá cơ bản ổn định."
                ),
                paragraphs=(
                    "Các tiểu thương cho biết rau từ vùng trồng ngoại thành về ít hơn do mưa làm "
                    "dập lá, khó thu hoạch.",
                    "Tại các siêu thị, giá rau được giữ ổn định nhờ hợp đồng bao tiêu dài hạn với "
                    "các hợp tác xã.",
                    "Giá rau dự báo sẽ trở lại bình thường trong một đến hai tuần tới khi thời "
                    "tiết thuận lợi hơn.",
                ),
                tags=("giá cả", "thị trường"),
            ),
            Story(
                title="Làng nghề ở {place} tìm hướng đi mới cho sản phẩm truyền thống",
                sapo=(
                    "Nhiều hộ làm nghề truyền thống ở {place} đã đổi mới mẫu mã, kết hợp du lịch "
                    "trải nghiệm để đưa sản phẩm đến gần hơn với khách hàng trẻ."
                ),
                paragraphs=(
                    "Thay vì chỉ bán buôn, các xưởng nhỏ mở cửa đón khách tham quan, cho du khách "
                    "tự tay làm sản phẩm và mang về làm quà.",
                    "Những người trẻ trở về làng đảm nhận phần thiết kế bao bì, chụp ảnh sản phẩm "
                    "và bán hàng trực tuyến.",
                    "Chính quyền địa phương đang hỗ trợ làng nghề xây dựng nhãn hiệu tập thể để "
                    "nâng giá trị sản phẩm.",
                ),
                tags=("làng nghề", "du lịch"),
            ),
            Story(
                title="Thanh toán bằng mã QR phổ biến ở các chợ dân sinh tại {place}",
                sapo=(
                    "Chỉ cần một tấm mã QR dán ở quầy hàng, nhiều tiểu thương ở các chợ dân sinh "
                    "tại {place} đã quen với việc nhận tiền qua điện thoại."
                ),
                paragraphs=(
                    "Người bán rau, bán thịt cho biết thanh toán qua mã QR giúp bớt việc trả tiền "
                    "lẻ, nhất là vào giờ đông khách.",
                    "Tuy vậy, một số tiểu thương lớn tuổi vẫn cần con cháu giúp kiểm tra tài "
                    "khoản; ban quản lý chợ đã mở lớp hướng dẫn ngắn.",
                    "Các ngân hàng khuyến cáo người bán thường xuyên kiểm tra mã QR dán tại quầy "
                    "để tránh bị kẻ gian thay thế.",
                ),
                tags=("thanh toán số", "tiểu thương"),
            ),
            Story(
                title="Hộ kinh doanh nhỏ ở {place} được hướng dẫn vay vốn ưu đãi",
                sapo=(
                    "{when}, các hộ kinh doanh nhỏ ở {place} được hướng dẫn thủ tục tiếp cận vốn "
                    "vay ưu đãi để mở rộng sản xuất, tạo việc làm."
                ),
                paragraphs=(
                    "Cán bộ ngân hàng chính sách giải thích điều kiện vay, lãi suất và thời hạn "
                    "trả nợ, đồng thời giải đáp thắc mắc của từng hộ.",
                    "Nhiều hộ dự định dùng vốn vay để mua thêm máy móc, cải tạo cửa hàng hoặc nhận "
                    "thêm lao động là người trong vùng.",
                    "Địa phương cam kết rút ngắn thời gian xác nhận hồ sơ để người dân sớm tiếp "
                    "cận nguồn vốn.",
                ),
                tags=("tín dụng", "hộ kinh doanh"),
            ),
        ),
        closings=(
            "Các chuyên gia cho rằng nắm bắt nhu cầu thị trường và ứng dụng công nghệ là chìa "
            "khóa giúp các cơ sở sản xuất nhỏ đứng vững.",
            "Cơ quan quản lý cho biết sẽ tiếp tục theo dõi sát diễn biến thị trường để có biện "
            "pháp điều tiết kịp thời.",
            "Những chuyển động tích cực này góp phần tạo thêm việc làm và nâng thu nhập cho người "
            "lao động.",
        ),
        headings=("Chuyển động của thị trường", "Cơ hội cho người lao động"),
        captions=(
            "Hoạt động mua bán tại {place}.",
            "Người lao động làm việc tại một cơ sở sản xuất ở {place}.",
        ),
    ),
    SectionSpec(
        slug="van-hoa",
        name="Văn hóa",
        description="Di sản, lễ hội, nghệ thuật và đời sống văn hóa Thủ đô.",
        position=5,
        colors=((104, 38, 116), (232, 152, 120)),
        color_name="tím hồng",
        tag="văn hóa",
        places=(
            "phường Hoàn Kiếm",
            "phường Ba Đình",
            "phường Tây Hồ",
            "phường Đống Đa",
            "xã Đông Anh",
            "xã Gia Lâm",
            "xã Ba Vì",
            "xã Sóc Sơn",
        ),
        stories=(
            Story(
                title="Triển lãm ảnh Hà Nội xưa thu hút người trẻ tại {place}",
                sapo=(
                    "Hơn 100 bức ảnh tư liệu về phố phường, nghề thủ công và sinh hoạt thường ngày "
                    "của người Hà Nội đang được trưng bày tại {place}."
                ),
                paragraphs=(
                    "Nhiều bức ảnh lần đầu được công bố, do các gia đình lưu giữ qua nhiều thế hệ. "
                    "Mỗi tấm ảnh đi kèm chú thích ngắn về thời gian và địa điểm.",
                    "Điều bất ngờ là khách tham quan đông nhất lại là người trẻ. Nhiều bạn dừng "
                    "rất lâu trước những góc phố nay đã thay đổi hoàn toàn.",
                    "Triển lãm mở cửa miễn phí đến hết tháng, có thuyết minh viên hướng dẫn vào "
                    "các buổi tối cuối tuần.",
                ),
                tags=("triển lãm", "Hà Nội xưa"),
            ),
            Story(
                title="Phục dựng lễ hội truyền thống của làng cổ ở {place}",
                sapo=(
                    "Sau nhiều năm gián đoạn, lễ hội truyền thống của một làng cổ ở {place} đã "
                    "được phục dựng với phần lễ trang nghiêm và phần hội đậm chất dân gian."
                ),
                paragraphs=(
                    "Các cụ cao niên trong làng đã cùng nhà nghiên cứu văn hóa khôi phục trình tự "
                    "nghi lễ dựa trên văn bản cổ và trí nhớ của người dân.",
                    "Phần hội có thi nấu cơm, kéo co, đánh đu và hát chèo, thu hút cả con cháu ở "
                    "xa trở về tham dự.",
                    "Ban tổ chức chú trọng giữ vệ sinh, trật tự và không để xảy ra tình trạng chèo "
                    "kéo du khách.",
                ),
                tags=("lễ hội", "di sản"),
                quote=(
                    "Lễ hội chỉ thực sự sống khi người trong làng coi đó là việc của chính mình.",
                    "Một nhà nghiên cứu văn hóa dân gian",
                ),
            ),
            Story(
                title="Đêm nhạc đường phố cuối tuần ở {place}",
                sapo=(
                    "Mỗi tối cuối tuần, một góc phố ở {place} lại rộn ràng với những tiết mục âm "
                    "nhạc do các nhóm nghệ sĩ trẻ biểu diễn miễn phí."
                ),
                paragraphs=(
                    "Chương trình có nhạc dân tộc cải biên, nhạc trẻ và những ca khúc về Hà Nội. "
                    "Khán giả được mời hát cùng và đề nghị bài hát.",
                    "Ban tổ chức bố trí khu vực đứng xem riêng, có tình nguyện viên hướng dẫn để "
                    "không gây ùn tắc.",
                    "Các nghệ sĩ cho biết họ trân trọng sân khấu giản dị này vì được gặp khán giả "
                    "ở khoảng cách gần.",
                ),
                tags=("âm nhạc", "không gian đi bộ"),
            ),
            Story(
                title="Lớp dạy ca trù miễn phí cho thiếu nhi ở {place}",
                sapo=(
                    "Một nghệ nhân ca trù ở {place} đã mở lớp dạy miễn phí cho thiếu nhi, mong "
                    "truyền lại môn nghệ thuật truyền thống cho thế hệ sau."
                ),
                paragraphs=(
                    "Lớp học có khoảng 20 em, từ 8 đến 15 tuổi. Các em được làm quen với nhịp "
                    "phách, cách lấy hơi và những bài hát nói đơn giản.",
                    "Nghệ nhân cho biết ca trù khó, nên điều quan trọng là giữ được niềm yêu thích "
                    "của các em trước khi đòi hỏi kỹ thuật.",
                    "Cuối khóa, các học trò nhỏ sẽ có buổi biểu diễn báo cáo trước gia đình và "
                    "người dân trong khu phố.",
                ),
                tags=("ca trù", "nghệ thuật truyền thống"),
            ),
            Story(
                title="Thư viện sách cũ miễn phí mở cửa tại {place}",
                sapo=(
                    "Một thư viện sách cũ cho mượn, đổi miễn phí vừa ra mắt tại {place}, với hơn "
                    "3.000 cuốn sách do bạn đọc quyên góp."
                ),
                paragraphs=(
                    "Người đọc có thể mang một cuốn sách đến để đổi lấy cuốn khác, hoặc mượn về "
                    "đọc trong hai tuần mà không cần đặt cọc.",
                    "Góc thiếu nhi có thảm và bàn thấp, trở thành nơi quen thuộc của nhiều gia "
                    "đình vào chiều cuối tuần.",
                    "Những người sáng lập mong mô hình được nhân rộng tới các khu nhà trọ công "
                    "nhân, nơi có nhu cầu đọc nhưng ít điều kiện mua sách.",
                ),
                tags=("văn hóa đọc", "thư viện"),
            ),
            Story(
                title="Nghệ nhân gốm ở {place} giữ lửa nghề giữa thời hiện đại",
                sapo=(
                    "Hơn 40 năm gắn bó với bàn xoay, một nghệ nhân gốm ở {place} vẫn miệt mài sáng "
                    "tác và truyền nghề cho lớp thợ trẻ."
                ),
                paragraphs=(
                    "Ông cho rằng mỗi sản phẩm gốm mang dấu tay của người làm, nên không máy móc "
                    "nào thay thế được đôi tay người thợ.",
                    "Bên cạnh các mẫu truyền thống, xưởng của ông thử nghiệm men màu mới và đồ gốm "
                    "gia dụng hợp với căn hộ chung cư.",
                    "Xưởng mở cửa cho học sinh đến tham quan, trải nghiệm nặn gốm vào các ngày "
                    "trong tuần.",
                ),
                tags=("làng nghề", "nghệ nhân"),
            ),
        ),
        closings=(
            "Những hoạt động như vậy góp phần làm phong phú đời sống tinh thần của người dân Thủ "
            "đô.",
            "Theo các nhà nghiên cứu, gìn giữ văn hóa truyền thống cần bắt đầu từ cộng đồng, nơi "
            "di sản sống cùng con người.",
            "Lịch hoạt động được cập nhật trên trang thông tin của đơn vị tổ chức.",
        ),
        headings=("Giữ gìn bản sắc", "Sức sống mới"),
        captions=(
            "Không gian văn hóa tại {place}.",
            "Người dân và du khách tham quan tại {place}.",
        ),
    ),
    SectionSpec(
        slug="giao-duc",
        name="Giáo dục",
        description="Trường lớp, tuyển sinh, đào tạo nghề và học tập suốt đời.",
        position=6,
        colors=((18, 88, 168), (122, 202, 240)),
        color_name="xanh lam",
        tag="giáo dục",
        places=(
            "phường Cầu Giấy",
            "phường Đống Đa",
            "phường Thanh Xuân",
            "phường Hà Đông",
            "phường Long Biên",
            "xã Đông Anh",
            "xã Thạch Thất",
            "xã Sóc Sơn",
        ),
        stories=(
            Story(
                title="Trường học ở {place} dạy kỹ năng phòng chống đuối nước",
                sapo=(
                    "Học sinh tiểu học ở {place} được học cách nhận biết nguy hiểm, tự nổi và kêu "
                    "cứu khi gặp sự cố dưới nước trong các buổi ngoại khóa."
                ),
                paragraphs=(
                    "Các tiết học kết hợp lý thuyết trên lớp với thực hành tại bể bơi, do huấn "
                    "luyện viên có chứng chỉ hướng dẫn.",
                    "Nhà trường phối hợp với ban đại diện cha mẹ học sinh để mỗi em được học ít "
                    "nhất tám buổi trong năm học.",
                    "Giáo viên nhấn mạnh nguyên tắc quan trọng nhất: không tự ý xuống nước và "
                    "không lao xuống cứu bạn khi chưa có kỹ năng.",
                ),
                tags=("kỹ năng sống", "học sinh"),
            ),
            Story(
                title="Học bổng tiếp sức cho học sinh là con công nhân ở {place}",
                sapo=(
                    "{when}, 120 suất học bổng đã được trao cho học sinh có hoàn cảnh khó khăn là "
                    "con công nhân, người lao động ở {place}."
                ),
                paragraphs=(
                    "Mỗi suất học bổng gồm tiền mặt, sách vở và đồng phục. Nhiều em có bố mẹ làm "
                    "việc theo ca, thu nhập không ổn định.",
                    "Một học sinh lớp 9 cho biết sẽ dùng học bổng để mua sách ôn thi vào lớp 10 và "
                    "đỡ đần bố mẹ một phần chi phí.",
                    "Quỹ học bổng được hình thành từ đóng góp của các doanh nghiệp và cán bộ, đoàn "
                    "viên công đoàn.",
                ),
                tags=("học bổng", "con công nhân"),
            ),
            Story(
                title="Trường nghề ở {place} đào tạo theo đơn đặt hàng của doanh nghiệp",
                sapo=(
                    "Một trường cao đẳng nghề ở {place} vừa ký thỏa thuận với các doanh nghiệp để "
                    "đào tạo kỹ thuật viên theo đơn đặt hàng, bảo đảm việc làm sau tốt nghiệp."
                ),
                paragraphs=(
                    "Theo thỏa thuận, doanh nghiệp tham gia xây dựng chương trình, cử kỹ sư giảng "
                    "dạy và nhận sinh viên thực tập ngay từ năm thứ hai.",
                    "Các ngành đào tạo gồm điện công nghiệp, cơ điện tử và bảo trì thiết bị, những "
                    "vị trí đang thiếu nhiều lao động.",
                    "Đại diện nhà trường cho biết mô hình này giúp người học tránh cảnh ra trường "
                    "mới bắt đầu đi tìm việc.",
                ),
                tags=("giáo dục nghề nghiệp", "việc làm"),
                quote=(
                    "Học viên được học đúng thứ doanh nghiệp cần, còn doanh nghiệp có người làm "
                    "được việc ngay.",
                    "Hiệu trưởng nhà trường",
                ),
            ),
            Story(
                title="Phụ huynh ở {place} lo chỗ học lớp 10 cho con",
                sapo=(
                    "Kỳ tuyển sinh lớp 10 đang đến gần, nhiều phụ huynh ở {place} băn khoăn về chỉ "
                    "tiêu và cách chọn nguyện vọng phù hợp với sức học của con."
                ),
                paragraphs=(
                    "Các trường trung học cơ sở đã họp phụ huynh, phân tích kết quả học tập của "
                    "từng học sinh để tư vấn đăng ký nguyện vọng.",
                    "Giáo viên khuyên phụ huynh không nên chạy theo trường điểm mà cần cân nhắc "
                    "quãng đường đi học và mong muốn của con.",
                    "Bên cạnh trường công lập, học sinh còn có thể chọn trường tư thục hoặc học "
                    "nghề kết hợp học văn hóa.",
                ),
                tags=("tuyển sinh lớp 10", "phụ huynh"),
            ),
            Story(
                title="Thư viện trường học ở {place} đổi mới để hút học sinh",
                sapo=(
                    "Không còn là những căn phòng im lặng với giá sách cũ, thư viện của nhiều "
                    "trường ở {place} đã thành nơi học sinh đọc, thảo luận và làm dự án."
                ),
                paragraphs=(
                    "Bàn ghế được bố trí linh hoạt, có góc đọc sách trên thảm và khu máy tính để "
                    "tra cứu tài liệu.",
                    "Mỗi tháng, thư viện tổ chức một buổi giới thiệu sách do chính học sinh thuyết "
                    "trình; cuốn được yêu thích nhất sẽ được mua thêm bản.",
                    "Lượt mượn sách đã tăng gấp đôi so với năm học trước.",
                ),
                tags=("văn hóa đọc", "trường học"),
            ),
            Story(
                title="Giáo viên ở {place} dùng trí tuệ nhân tạo hỗ trợ soạn bài",
                sapo=(
                    "Nhiều giáo viên ở {place} bắt đầu dùng công cụ trí tuệ nhân tạo để soạn câu "
                    "hỏi, minh họa bài giảng, nhưng vẫn thận trọng kiểm chứng nội dung."
                ),
                paragraphs=(
                    "Một giáo viên Ngữ văn cho biết công cụ giúp cô tiết kiệm thời gian chuẩn bị "
                    "phiếu học tập, song mọi câu hỏi đều được cô đọc lại và chỉnh sửa.",
                    "Nhà trường đã tập huấn về sử dụng công cụ số an toàn, tránh đưa thông tin cá "
                    "nhân của học sinh lên mạng.",
                    "Các thầy cô thống nhất rằng công nghệ chỉ là trợ thủ; vai trò dẫn dắt và "
                    "truyền cảm hứng vẫn thuộc về người thầy.",
                ),
                tags=("chuyển đổi số", "giáo viên"),
            ),
        ),
        closings=(
            "Ngành giáo dục cho biết sẽ tiếp tục lắng nghe ý kiến phụ huynh, học sinh để điều "
            "chỉnh cách làm cho phù hợp.",
            "Theo các nhà giáo, sự phối hợp giữa nhà trường, gia đình và xã hội là yếu tố quyết "
            "định hiệu quả giáo dục.",
            "Những cách làm hiệu quả sẽ được chia sẻ tại các buổi sinh hoạt chuyên môn liên "
            "trường.",
        ),
        headings=("Từ lớp học đến cuộc sống", "Ý kiến nhà trường"),
        captions=(
            "Giờ học của học sinh tại {place}.",
            "Học sinh tham gia hoạt động ngoại khóa ở {place}.",
        ),
    ),
    SectionSpec(
        slug="the-thao",
        name="Thể thao",
        description="Thể thao phong trào, thi đấu chuyên nghiệp và rèn luyện sức khỏe.",
        position=7,
        colors=((196, 86, 18), (250, 204, 64)),
        color_name="cam vàng",
        tag="thể thao",
        places=(
            "phường Cầu Giấy",
            "phường Long Biên",
            "phường Hà Đông",
            "phường Tây Hồ",
            "phường Thanh Xuân",
            "xã Đông Anh",
            "xã Gia Lâm",
            "xã Sóc Sơn",
        ),
        stories=(
            Story(
                title="Giải chạy vì sức khỏe cộng đồng quy tụ hàng nghìn người ở {place}",
                sapo=(
                    "{when}, hàng nghìn người dân, công nhân và học sinh đã tham gia giải chạy vì "
                    "sức khỏe cộng đồng tổ chức tại {place}."
                ),
                paragraphs=(
                    "Giải có ba cự ly 3 km, 5 km và 10 km, phù hợp với nhiều lứa tuổi. Nhiều gia "
                    "đình chọn chạy cùng nhau ở cự ly ngắn nhất.",
                    "Ban tổ chức bố trí trạm nước, đội y tế và tình nguyện viên dọc đường chạy; "
                    "rác thải được phân loại ngay tại khu vực về đích.",
                    "Toàn bộ tiền đăng ký được dùng để mua dụng cụ thể thao cho các nhà văn hóa "
                    "khu dân cư.",
                ),
                tags=("chạy bộ", "thể thao phong trào"),
            ),
            Story(
                title="Câu lạc bộ cầu lông công nhân ở {place} sôi nổi sau giờ làm",
                sapo=(
                    "Sau mỗi ca làm, sân cầu lông gần khu nhà trọ ở {place} lại kín người chơi, "
                    "phần lớn là công nhân các nhà máy lân cận."
                ),
                paragraphs=(
                    "Câu lạc bộ ra đời từ một nhóm nhỏ vài người, nay đã có hơn 60 thành viên. Phí "
                    "sinh hoạt hằng tháng chỉ đủ để thuê sân và mua cầu.",
                    "Nhiều thành viên cho biết chơi thể thao giúp họ giảm căng thẳng sau những giờ "
                    "đứng máy và có thêm bạn bè nơi đất khách.",
                    "Công đoàn cơ sở hỗ trợ câu lạc bộ tổ chức giải giao hữu mỗi quý.",
                ),
                tags=("cầu lông", "công nhân"),
            ),
            Story(
                title="Bể bơi trường học ở {place} mở lớp bơi cuối tuần cho trẻ em",
                sapo=(
                    "Tận dụng bể bơi trong trường, một trường học ở {place} mở các lớp bơi cuối "
                    "tuần với mức phí thấp cho trẻ em trong khu vực."
                ),
                paragraphs=(
                    "Mỗi lớp có không quá 15 học viên, do hai huấn luyện viên phụ trách. Trẻ được "
                    "học kỹ năng an toàn trước khi học các kiểu bơi.",
                    "Phụ huynh đánh giá cao vì không phải đưa con đi xa, lại yên tâm về chất lượng "
                    "nước và sự giám sát.",
                    "Mỗi khóa dự kiến giúp khoảng 200 trẻ biết bơi.",
                ),
                tags=("học bơi", "trẻ em"),
            ),
            Story(
                title="Võ cổ truyền thu hút học sinh ở {place}",
                sapo=(
                    "Các lớp võ cổ truyền tại nhà văn hóa ở {place} đang thu hút nhiều học sinh "
                    "tham gia tập luyện vào buổi tối."
                ),
                paragraphs=(
                    "Bên cạnh các bài quyền cơ bản, võ sư dạy học trò tinh thần tôn trọng đối thủ "
                    "và kỷ luật trong sinh hoạt.",
                    "Nhiều phụ huynh cho biết con họ tự tin, khỏe mạnh hơn sau vài tháng tập "
                    "luyện.",
                    "Câu lạc bộ dự kiến cử vận động viên tham dự giải võ cổ truyền cấp thành phố.",
                ),
                tags=("võ cổ truyền", "học sinh"),
                quote=(
                    "Học võ trước hết là học cách làm người, sau đó mới đến đòn thế.",
                    "Võ sư phụ trách câu lạc bộ",
                ),
            ),
            Story(
                title="Đạp xe cuối tuần, thú vui mới của người trẻ ở {place}",
                sapo=(
                    "Những cung đường quanh {place} trở thành điểm hẹn sáng cuối tuần của các nhóm "
                    "đạp xe, phần lớn là người trẻ làm văn phòng."
                ),
                paragraphs=(
                    "Các nhóm thường xuất phát từ sáng sớm để tránh nắng và giờ cao điểm, đi thành "
                    "hàng một và có người dẫn đường.",
                    "Trưởng nhóm luôn nhắc các thành viên đội mũ bảo hiểm, lắp đèn và tuân thủ tín "
                    "hiệu giao thông.",
                    "Đạp xe giúp người trẻ rèn luyện sức khỏe và khám phá những góc ít người biết "
                    "của Thủ đô.",
                ),
                tags=("đạp xe", "sức khỏe"),
            ),
            Story(
                title="Hội thao công nhân ở {place} với nhiều môn thi đấu dân gian",
                sapo=(
                    "Hội thao dành cho người lao động tại {place} có các môn kéo co, nhảy bao bố "
                    "và đi cà kheo, mang lại không khí vui tươi sau giờ làm việc."
                ),
                paragraphs=(
                    "Các đội thi đến từ nhiều doanh nghiệp, mặc đồng phục riêng và có cổ động viên "
                    "là đồng nghiệp cùng phân xưởng.",
                    "Môn kéo co luôn thu hút đông người xem nhất, với những pha giằng co kéo dài "
                    "nhiều phút.",
                    "Ban tổ chức cho biết hội thao là dịp để người lao động giao lưu, gắn kết giữa "
                    "các doanh nghiệp.",
                ),
                tags=("hội thao", "công nhân"),
            ),
        ),
        closings=(
            "Phong trào thể dục thể thao quần chúng đang góp phần nâng cao sức khỏe và gắn kết "
            "cộng đồng.",
            "Ban tổ chức cho biết sẽ duy trì hoạt động thường xuyên và mở rộng thêm nhiều nội "
            "dung mới.",
            "Người dân muốn tham gia có thể đăng ký tại nhà văn hóa hoặc qua trang thông tin của "
            "câu lạc bộ.",
        ),
        headings=("Sân chơi cho mọi người", "Rèn luyện mỗi ngày"),
        captions=(
            "Người dân tập luyện thể thao tại {place}.",
            "Không khí sôi động tại {place}.",
        ),
    ),
    SectionSpec(
        slug="bong-da",
        name="Bóng đá",
        description="Giải đấu, đội bóng và phong trào bóng đá công nhân.",
        position=1,
        parent="the-thao",
        colors=((28, 116, 40), (124, 192, 84)),
        color_name="xanh cỏ",
        tag="bóng đá",
        places=(
            "phường Hà Đông",
            "phường Long Biên",
            "xã Đông Anh",
            "xã Gia Lâm",
            "xã Sóc Sơn",
            "phường Thanh Xuân",
            "xã Thạch Thất",
        ),
        stories=(
            Story(
                title="Khởi tranh giải bóng đá công nhân tại {place}",
                sapo=(
                    "{when}, giải bóng đá công nhân tại {place} chính thức khởi tranh với sự tham "
                    "gia của 16 đội bóng đến từ các doanh nghiệp."
                ),
                paragraphs=(
                    "Các trận đấu diễn ra vào buổi tối và cuối tuần để không ảnh hưởng tới ca làm "
                    "việc. Mỗi đội đăng ký tối đa 15 cầu thủ là người lao động của doanh nghiệp.",
                    "Trận khai mạc diễn ra hấp dẫn, với nhiều bàn thắng đẹp và sự cổ vũ nhiệt tình "
                    "từ khán đài.",
                    "Ban tổ chức sẽ trao giải phong cách cho đội có tinh thần thi đấu đẹp nhất.",
                ),
                tags=("bóng đá phong trào", "công nhân"),
            ),
            Story(
                title="Sân bóng nhân tạo mới phục vụ người dân {place}",
                sapo=(
                    "Một sân bóng đá nhân tạo vừa được đưa vào sử dụng tại {place}, với khung giờ "
                    "miễn phí dành cho học sinh vào chiều cuối tuần."
                ),
                paragraphs=(
                    "Sân được xây trên khu đất trống từng bị bỏ hoang, có hệ thống đèn chiếu sáng "
                    "và rào chắn an toàn.",
                    "Ngoài khung giờ miễn phí, giá thuê sân được niêm yết công khai và thấp hơn "
                    "mặt bằng chung trong khu vực.",
                    "Người dân mong địa phương có thêm nhiều sân chơi như vậy để thanh thiếu niên "
                    "có nơi rèn luyện.",
                ),
                tags=("sân chơi", "thanh thiếu niên"),
            ),
            Story(
                title="Trung tâm bóng đá nhí ở {place} tuyển sinh khóa mới",
                sapo=(
                    "Một trung tâm bóng đá nhí ở {place} mở đợt tuyển sinh khóa mới cho trẻ từ 6 "
                    "đến 12 tuổi, chú trọng kỹ thuật cơ bản và niềm vui chơi bóng."
                ),
                paragraphs=(
                    "Các em được chia nhóm theo độ tuổi, tập hai buổi mỗi tuần với huấn luyện viên "
                    "có chứng chỉ đào tạo trẻ.",
                    "Theo trung tâm, ở lứa tuổi này, điều quan trọng nhất là giúp trẻ yêu bóng đá "
                    "chứ không phải thành tích.",
                    "Những em có năng khiếu sẽ được giới thiệu tham gia các đợt tuyển chọn của câu "
                    "lạc bộ chuyên nghiệp.",
                ),
                tags=("bóng đá trẻ", "tuyển sinh"),
            ),
            Story(
                title="Đội bóng của nhà máy ở {place} vô địch giải giao hữu",
                sapo=(
                    "Đội bóng của một nhà máy cơ khí ở {place} đã giành chức vô địch giải giao hữu "
                    "các doanh nghiệp sau loạt sút luân lưu kịch tính."
                ),
                paragraphs=(
                    "Hai đội hòa nhau sau hai hiệp chính; ở loạt sút luân lưu, thủ môn của đội vô "
                    "địch đã cản phá thành công hai quả.",
                    "Phần lớn cầu thủ của đội là công nhân trẻ, tranh thủ tập luyện sau giờ tan "
                    "ca.",
                    "Toàn bộ tiền thưởng được đội bóng dùng để hỗ trợ một đồng nghiệp đang điều "
                    "trị bệnh.",
                ),
                tags=("bóng đá phong trào", "doanh nghiệp"),
                quote=(
                    "Chúng tôi đá bóng vì niềm vui, còn chiếc cúp là phần thưởng cho cả nhà máy.",
                    "Đội trưởng đội vô địch",
                ),
            ),
            Story(
                title="Cổ động viên ở {place} cùng xem bóng đá trên màn hình lớn",
                sapo=(
                    "Khu vực xem bóng đá trên màn hình lớn tại {place} đã thu hút hàng trăm cổ "
                    "động viên, trong không khí sôi động nhưng vẫn giữ trật tự."
                ),
                paragraphs=(
                    "Ban tổ chức bố trí lực lượng trông xe, hướng dẫn người dân ngồi theo khu vực "
                    "và nhắc nhở không đốt pháo sáng.",
                    "Nhiều gia đình đưa con nhỏ đến cổ vũ, mặc áo đỏ và mang theo cờ.",
                    "Sau trận đấu, các tình nguyện viên ở lại dọn dẹp để trả lại mặt bằng sạch sẽ.",
                ),
                tags=("cổ động viên", "an ninh trật tự"),
            ),
            Story(
                title="Huấn luyện viên về hưu mở lớp bóng đá miễn phí ở {place}",
                sapo=(
                    "Nghỉ hưu sau nhiều năm dẫn dắt các đội trẻ, một cựu huấn luyện viên ở {place} "
                    "mở lớp dạy bóng đá miễn phí cho trẻ em trong khu phố."
                ),
                paragraphs=(
                    "Lớp học diễn ra vào sáng thứ Bảy và Chủ nhật trên sân nhỏ của nhà văn hóa. "
                    "Bóng và áo tập do người dân góp tặng.",
                    "Ông cho biết niềm vui lớn nhất là thấy trẻ bỏ điện thoại xuống để ra sân chạy "
                    "nhảy.",
                    "Một số phụ huynh đã tình nguyện làm trợ giảng, giúp ông trông các em nhỏ "
                    "tuổi.",
                ),
                tags=("bóng đá trẻ", "cộng đồng"),
            ),
        ),
        closings=(
            "Bóng đá phong trào tiếp tục là sân chơi lành mạnh, gắn kết người lao động và cộng "
            "đồng.",
            "Ban tổ chức cảm ơn các doanh nghiệp, nhà tài trợ đã đồng hành cùng giải đấu.",
            "Lịch thi đấu và kết quả được cập nhật thường xuyên trên trang thông tin của ban tổ "
            "chức.",
        ),
        headings=("Trên sân cỏ", "Niềm vui bóng đá"),
        captions=(
            "Một pha tranh bóng tại {place}.",
            "Cầu thủ và cổ động viên tại {place}.",
        ),
    ),
    SectionSpec(
        slug="giao-thong",
        name="Giao thông",
        description="Hạ tầng, phân luồng, an toàn giao thông và giao thông công cộng.",
        position=8,
        colors=((58, 60, 72), (240, 178, 40)),
        color_name="xám vàng",
        tag="giao thông",
        places=(
            "đường Vành đai 3",
            "cầu Vĩnh Tuy",
            "nút giao Ngã Tư Sở",
            "đường Nguyễn Trãi",
            "cầu Thăng Long",
            "đường Giải Phóng",
            "đường Láng",
            "quốc lộ 32",
        ),
        stories=(
            Story(
                title="Phân luồng giao thông để sửa chữa {place}",
                sapo=(
                    "Cơ quan quản lý giao thông vừa thông báo phương án phân luồng để sửa chữa "
                    "{place}, dự kiến kéo dài trong ba tuần."
                ),
                paragraphs=(
                    "Việc thi công được chia thành nhiều giai đoạn, chủ yếu thực hiện vào ban đêm "
                    "để giảm ảnh hưởng tới người tham gia giao thông.",
                    "Trong thời gian thi công, xe tải trọng lớn được hướng dẫn đi theo các tuyến "
                    "thay thế; biển báo và rào chắn được bố trí từ xa.",
                    "Người dân nên theo dõi thông tin trên các kênh chính thức và chủ động chọn lộ "
                    "trình phù hợp.",
                ),
                tags=("phân luồng", "hạ tầng"),
            ),
            Story(
                title="Camera giám sát giúp giảm vi phạm giao thông trên {place}",
                sapo=(
                    "Sau khi hệ thống camera giám sát được lắp đặt trên {place}, số trường hợp "
                    "vượt đèn đỏ và đi ngược chiều đã giảm rõ rệt."
                ),
                paragraphs=(
                    "Hình ảnh vi phạm được ghi lại và gửi thông báo tới chủ phương tiện. Nhiều "
                    "người cho biết đã cẩn thận hơn khi biết mình đang được ghi hình.",
                    "Lực lượng chức năng cho rằng camera không thay thế được ý thức của người tham "
                    "gia giao thông, nhưng là công cụ răn đe hiệu quả.",
                    "Thời gian tới, hệ thống sẽ được mở rộng tại những nút giao thường xuyên ùn "
                    "tắc.",
                ),
                tags=("an toàn giao thông", "camera giám sát"),
            ),
            Story(
                title="Thêm tuyến xe buýt điện đi qua {place}",
                sapo=(
                    "{when}, một tuyến xe buýt điện mới đi qua {place} bắt đầu vận hành, góp phần "
                    "giảm phương tiện cá nhân trên tuyến đường đông đúc."
                ),
                paragraphs=(
                    "Xe buýt điện chạy êm, không phát thải khí tại chỗ và có chỗ ngồi dành riêng "
                    "cho người khuyết tật, người cao tuổi.",
                    "Hành khách có thể thanh toán bằng thẻ, mã QR hoặc tiền mặt. Vào giờ cao điểm, "
                    "thời gian chờ giữa các chuyến khoảng 10 phút.",
                    "Nhiều người đi làm cho biết sẵn sàng để xe máy ở nhà nếu các tuyến xe buýt "
                    "kết nối thuận tiện hơn.",
                ),
                tags=("xe buýt", "giao thông công cộng"),
                quote=(
                    "Chỉ cần xe đến đúng giờ, tôi sẵn sàng bỏ xe máy ở nhà.",
                    "Một hành khách đi làm hằng ngày",
                ),
            ),
            Story(
                title="Ùn tắc kéo dài trên {place} vào giờ cao điểm chiều",
                sapo=(
                    "Vào giờ tan tầm, dòng phương tiện trên {place} thường xuyên ùn ứ, có thời "
                    "điểm kéo dài hàng cây số."
                ),
                paragraphs=(
                    "Nguyên nhân được chỉ ra là lưu lượng phương tiện tăng nhanh, trong khi một số "
                    "điểm giao cắt chưa được tổ chức giao thông hợp lý.",
                    "Lực lượng cảnh sát giao thông được tăng cường để điều tiết tại các điểm nóng, "
                    "đồng thời điều chỉnh chu kỳ đèn tín hiệu.",
                    "Các chuyên gia đề xuất kết hợp giải pháp kỹ thuật với phát triển giao thông "
                    "công cộng để giảm áp lực lâu dài.",
                ),
                tags=("ùn tắc", "giờ cao điểm"),
            ),
            Story(
                title="Kiểm tra xe chở hàng quá tải trên {place}",
                sapo=(
                    "Lực lượng chức năng đã kiểm tra tải trọng xe trên {place}, phát hiện và xử lý "
                    "nhiều phương tiện chở hàng vượt tải trọng cho phép."
                ),
                paragraphs=(
                    "Xe quá tải là một trong những nguyên nhân làm hư hỏng mặt đường, gây nguy "
                    "hiểm cho các phương tiện khác.",
                    "Ngoài việc bị xử phạt, các lái xe vi phạm phải hạ tải trước khi được tiếp tục "
                    "lưu thông.",
                    "Cơ quan chức năng đề nghị các doanh nghiệp vận tải kiểm soát việc xếp hàng "
                    "ngay từ kho bãi.",
                ),
                tags=("xe quá tải", "an toàn giao thông"),
            ),
            Story(
                title="Lắp thêm đèn tín hiệu và vạch sang đường trên {place}",
                sapo=(
                    "Đèn tín hiệu và vạch sang đường dành cho người đi bộ vừa được bổ sung trên "
                    "{place}, sau nhiều kiến nghị của người dân."
                ),
                paragraphs=(
                    "Trước đây, người đi bộ, nhất là học sinh và người cao tuổi, gặp nhiều khó "
                    "khăn khi băng qua đường vào giờ cao điểm.",
                    "Đèn tín hiệu có nút bấm để người đi bộ chủ động xin qua đường; thời gian chờ "
                    "được tính toán để không gây ùn tắc.",
                    "Người dân mong các giải pháp tương tự sớm được áp dụng ở những điểm nguy hiểm "
                    "khác.",
                ),
                tags=("người đi bộ", "an toàn giao thông"),
            ),
        ),
        closings=(
            "Cơ quan chức năng khuyến cáo người tham gia giao thông chấp hành hiệu lệnh, tín hiệu "
            "đèn và biển báo để bảo đảm an toàn.",
            "Người dân có thể gửi phản ánh về tình hình giao thông qua đường dây nóng của cơ quan "
            "quản lý.",
            "Các giải pháp sẽ được đánh giá sau một thời gian áp dụng để tiếp tục điều chỉnh.",
        ),
        headings=("Giải pháp trước mắt", "An toàn là trên hết"),
        captions=(
            "Phương tiện lưu thông trên {place}.",
            "Lực lượng chức năng điều tiết giao thông trên {place}.",
        ),
    ),
)
SECTIONS_BY_SLUG = {spec.slug: spec for spec in SECTIONS}
TOP_LEVEL_ORDER = tuple(
    spec.slug for spec in sorted(SECTIONS, key=lambda s: s.position) if not spec.parent
)
# Published articles go round the sections in this order, child sections included.
ROTATION = (*TOP_LEVEL_ORDER, "ban-doc", "bong-da")

# (display name, byline, bio); the byline is the name's initials.
AUTHORS = (
    (
        "Bảo Dương",
        "B.D",
        "Phóng viên mảng công đoàn và quan hệ lao động, theo dõi đời sống công nhân các khu "
        "công nghiệp.",
    ),
    (
        "Ngọc Lan",
        "N.L",
        "Phóng viên văn hóa, viết về di sản, làng nghề và nghệ thuật truyền thống.",
    ),
    (
        "Minh Quân",
        "M.Q",
        "Phóng viên pháp luật và giao thông, thường có mặt tại các phiên tòa và điểm nóng giao "
        "thông.",
    ),
    ("Thu Hà", "T.H", "Biên tập viên ban Thời sự, phụ trách các chuyên mục Xã hội và Bạn đọc."),
    (
        "Hoàng Anh",
        "H.A",
        "Phóng viên thể thao, theo sát bóng đá phong trào và các giải chạy cộng đồng.",
    ),
    (
        "Phương Thảo",
        "P.T",
        "Phóng viên giáo dục và kinh tế, quan tâm tới đào tạo nghề và việc làm.",
    ),
)

# Who writes for which section (child sections included): reporters keep to their beat.
BEATS = {
    "cong-doan": ("Bảo Dương",),
    "xa-hoi": ("Thu Hà",),
    "ban-doc": ("Thu Hà",),
    "phap-luat": ("Minh Quân",),
    "kinh-te": ("Phương Thảo",),
    "van-hoa": ("Ngọc Lan",),
    "giao-duc": ("Phương Thảo",),
    "the-thao": ("Hoàng Anh",),
    "bong-da": ("Hoàng Anh",),
    "giao-thong": ("Minh Quân",),
}
# A second byline on some stories: the section's desk editor or a colleague on the beat.
SECOND_BYLINE = {
    "cong-doan": "Phương Thảo",
    "xa-hoi": "Ngọc Lan",
    "ban-doc": "Bảo Dương",
    "phap-luat": "Thu Hà",
    "kinh-te": "Bảo Dương",
    "van-hoa": "Thu Hà",
    "giao-duc": "Ngọc Lan",
    "the-thao": "Minh Quân",
    "bong-da": "Minh Quân",
    "giao-thong": "Thu Hà",
}

# What the desk adds when it updates a published story, and the one correction.
UPDATE_NOTE = (
    "Cập nhật: Đến cuối ngày, đơn vị tổ chức cho biết sẽ tiếp tục tiếp nhận ý kiến của "
    "người dân và thông báo kết quả trong tuần tới."
)
CORRECTION_NOTE = (
    "Đính chính: Bản tin đăng trước đó ghi chưa chính xác thời gian diễn ra sự kiện; Báo đã "
    "sửa lại cho đúng. Thành thật xin lỗi bạn đọc."
)

# The paper's imprint as the demo shows it (a made-up licence; the law asks for these).
IMPRINT = {
    "governing_body": "Liên đoàn Lao động thành phố Hà Nội",
    "licence_number": "58/GP-BTTTT",
    "licence_issuer": "Bộ Thông tin và Truyền thông",
    "editor_in_chief": "Nguyễn Văn Minh",
    "deputy_editors": "Trần Thu Hà, Lê Quang Huy",
    "address": "Số 51 Hàng Bồ, phường Hoàn Kiếm, Hà Nội",
    "phone": "024 3825 2441",
    "email": "toasoan@laodongthudo.example",
    "reprint_notice": (
        "Không được sao chép hoặc phát hành lại thông tin khi chưa có sự đồng ý bằng văn "
        "bản của Báo Lao Động Thủ Đô."
    ),
}

# username -> (group, superuser, author name linked to the account)
ACCOUNTS = {
    "admin": (None, True, None),
    "editor": (EDITORS, False, "Thu Hà"),
    "reporter": (REPORTERS, False, "Minh Quân"),
}

# The editor's note on the returned article (shown to the reporter in the workflow log).
RETURN_NOTE = (
    "Bài cần thêm ý kiến của luật sư và một ví dụ cụ thể về hợp đồng mẫu; em kiểm tra lại "
    "quy định về tiền đặt cọc rồi gửi lại nhé."
)

# The reporter's own work in progress: (status, section slug, story).
WORK_IN_PROGRESS = (
    (
        Article.Status.DRAFT,
        "cong-doan",
        Story(
            title="Ghi chép: Một đêm làm ca cùng nữ công nhân dệt may",
            sapo=(
                "Khi phần lớn thành phố đã chìm vào giấc ngủ, những nữ công nhân dệt may vẫn miệt "
                "mài bên máy khâu, mang theo nỗi nhớ con và những dự định nhỏ cho gia đình."
            ),
            paragraphs=(
                "Ca đêm bắt đầu lúc 22 giờ. Tiếng máy chạy đều đặn, chỉ thỉnh thoảng bị ngắt quãng "
                "bởi tiếng gọi nhau kiểm tra đường may.",
                "Chị Mai, 34 tuổi, đã làm ca đêm gần sáu năm. Chị bảo điều khó nhất không phải là "
                "thức khuya mà là những buổi sáng trở về khi con đã đi học.",
                "Công đoàn cơ sở đang đề xuất với doanh nghiệp bố trí thêm phòng nghỉ giữa ca và "
                "hỗ trợ tiền gửi trẻ cho lao động nữ làm ca đêm.",
            ),
            tags=("Công đoàn", "lao động nữ", "ca đêm"),
        ),
    ),
    (
        Article.Status.DRAFT,
        "giao-thong",
        Story(
            title="Người dân góp ý phương án cải tạo nút giao trước cổng chợ",
            sapo=(
                "Phương án cải tạo một nút giao trước cổng chợ dân sinh đang được lấy ý kiến người "
                "dân, với nhiều đề xuất về vạch sang đường và điểm dừng xe buýt."
            ),
            paragraphs=(
                "Theo phương án, đảo giao thông được thu nhỏ, bổ sung làn rẽ phải và dời điểm dừng "
                "xe buýt ra xa cổng chợ khoảng 50 mét.",
                "Nhiều tiểu thương lo việc dời điểm dừng xe buýt sẽ làm giảm lượng khách, trong "
                "khi người đi bộ mong có thêm đèn tín hiệu.",
                "Các ý kiến đóng góp sẽ được tổng hợp trước khi phương án được phê duyệt.",
            ),
            tags=("giao thông", "hạ tầng", "góp ý"),
        ),
    ),
    (
        Article.Status.DRAFT,
        "giao-duc",
        Story(
            title="Lớp học tình thương trong xóm trọ công nhân",
            sapo=(
                "Mỗi tối, căn phòng trọ nhỏ cuối dãy lại sáng đèn, nơi những đứa trẻ con công nhân "
                "được các sinh viên tình nguyện kèm học miễn phí."
            ),
            paragraphs=(
                "Lớp học có hơn chục em, từ lớp 1 đến lớp 7. Bàn học là những tấm ván ghép, tấm "
                "bảng được xin lại từ một trường học cũ.",
                "Các sinh viên chia nhau dạy theo ngày, ưu tiên Toán, Tiếng Việt và Tiếng Anh, "
                "những môn bố mẹ các em khó kèm cặp.",
                "Chủ nhà trọ không lấy tiền điện của căn phòng, coi đó là phần đóng góp của mình "
                "cho lớp học.",
            ),
            tags=("giáo dục", "con công nhân", "tình nguyện"),
        ),
    ),
    (
        Article.Status.PENDING,
        "xa-hoi",
        Story(
            title="Tủ bánh mì miễn phí cho người lao động nghèo",
            sapo=(
                "Đặt ở đầu ngõ, chiếc tủ kính nhỏ mỗi sáng có vài chục ổ bánh mì để người bán vé "
                "số, xe ôm và người lao động nghèo lấy dùng miễn phí."
            ),
            paragraphs=(
                "Người khởi xướng là một chủ tiệm bánh trong ngõ. Ban đầu chị chỉ để vài ổ bánh "
                "còn lại cuối ngày, sau đó nhiều người biết chuyện góp thêm tiền mua bánh mới.",
                "Trên tủ có tấm biển nhỏ: “Ai cần thì lấy, ai có thì góp”. Không ai trông coi, "
                "nhưng cũng chưa có ai lấy quá phần mình.",
                "Mô hình đã được vài khu phố lân cận học theo.",
            ),
            tags=("thiện nguyện", "người lao động"),
        ),
    ),
    (
        Article.Status.PENDING,
        "kinh-te",
        Story(
            title="Tiểu thương chợ truyền thống học bán hàng qua livestream",
            sapo=(
                "Để giữ khách khi mua sắm trực tuyến phát triển mạnh, nhiều tiểu thương ở chợ "
                "truyền thống bắt đầu tập bán hàng qua livestream."
            ),
            paragraphs=(
                "Lớp học do ban quản lý chợ tổ chức, hướng dẫn cách đặt điện thoại, bố trí ánh "
                "sáng, giới thiệu sản phẩm và chốt đơn.",
                "Một tiểu thương bán đồ khô cho biết buổi livestream đầu tiên chỉ có vài người "
                "xem, nhưng đến buổi thứ năm đã có đơn hàng từ tỉnh khác.",
                "Ban quản lý chợ nhắc các hộ kinh doanh kê khai, nộp thuế đầy đủ với doanh thu bán "
                "hàng trực tuyến.",
            ),
            tags=("kinh tế", "thương mại điện tử", "tiểu thương"),
        ),
    ),
    (
        Article.Status.PENDING,
        "van-hoa",
        Story(
            title="Gánh chèo không chuyên của những người thợ",
            sapo=(
                "Ban ngày là thợ mộc, thợ xây, công nhân; tối đến, họ cùng nhau tập những trích "
                "đoạn chèo cổ trong sân đình làng."
            ),
            paragraphs=(
                "Câu lạc bộ có gần 30 thành viên, người trẻ nhất mới 19 tuổi. Trang phục, đạo cụ "
                "đều do các thành viên tự may, tự làm.",
                "Họ được một nghệ sĩ chèo đã nghỉ hưu hướng dẫn miễn phí, từ cách đi đứng trên sân "
                "khấu đến từng làn điệu.",
                "Các buổi diễn của câu lạc bộ luôn kín chỗ, nhất là vào dịp lễ hội làng.",
            ),
            tags=("văn hóa", "chèo", "nghệ thuật truyền thống"),
        ),
    ),
    (
        Article.Status.RETURNED,
        "phap-luat",
        Story(
            title="Những điều cần lưu ý khi ký hợp đồng thuê nhà trọ",
            sapo=(
                "Nhiều công nhân, sinh viên gặp rắc rối khi trả phòng trọ vì hợp đồng thuê nhà "
                "viết sơ sài, không ghi rõ tiền cọc và các khoản phí."
            ),
            paragraphs=(
                "Luật sư khuyên người thuê đọc kỹ hợp đồng, yêu cầu ghi rõ giá thuê, tiền đặt cọc, "
                "thời hạn báo trước khi trả phòng và giá điện, nước.",
                "Khi nhận phòng, người thuê nên chụp ảnh hiện trạng tài sản và gửi cho chủ nhà để "
                "làm căn cứ khi bàn giao.",
                "Nếu xảy ra tranh chấp, người thuê có thể đề nghị tổ hòa giải ở cơ sở hỗ trợ trước "
                "khi khởi kiện.",
            ),
            tags=("pháp luật", "nhà trọ", "tư vấn pháp luật"),
        ),
    ),
)
