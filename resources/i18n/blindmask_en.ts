<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
  <context>
    <name>BlindMask</name>
    <message>
      <source>手动绘制</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>姓名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>工作单位</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>公章</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>眼部</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>身份证号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>其他印章</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>人脸</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>遮盖</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不遮盖</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文字：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>置信度：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>添加遮盖框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>删除遮盖框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>移动或调整遮盖框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>更改类别</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重新审核此页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>确认此页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>标记为无需遮盖</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写申请人姓名（与材料上印的一致）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请至少填写一个工作单位的完整名称。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请人信息文件有误：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>例如：阿依古丽·买买提</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>曾用名、简写，每行一个</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>工作单位完整名称，每行一个</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>别名</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请人信息</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检测需要知道要遮盖的内容：请填写申请人姓名和工作单位，或载入申请人信息文件（TOML）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>载入文件…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>载入申请人信息</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请人信息 (*.toml);;所有文件 (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>设置</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>界面语言</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>遮盖颜色</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>JPEG 质量</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF 渲染分辨率</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>导出后打开文件夹</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>界面语言在重新启动程序后生效；分辨率对之后打开的文件生效。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开文件夹</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下一页 / 上一页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下一个待审核页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>选择下一个 / 上一个框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>切换选中框（遮盖 / 不遮盖）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本页全部接受 / 全部拒绝</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>删除选中框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>绘制模式（拖动画新框）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>选择新框类别：姓名 / 单位 / 公章 / 眼部</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>在视图中央添加新框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>移动选中框 / 调整大小（加 Ctrl 步长更大）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>确认此页（并转到下一个待审核页）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>标记此页无需遮盖</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重新审核此页（撤销决定）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>遮盖效果预览（前 / 后）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>放大 / 缩小</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>适应窗口 / 100 %</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>平移</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>拖动空白处或中键</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>撤销 / 重做</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检测全部 / 取消检测</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>导出</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核查已遮盖文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文字材料</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>快捷键列表</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>快捷键</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>鼠标：单击框切换遮盖 / 不遮盖；拖动框移动；拖动选中框的控制点调整大小；绘制模式下在空白处拖动画新框；悬停查看识别文字和置信度。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>还有未确认的页面</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>去审核</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>跳过这些页并导出</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>或滚轮</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>操作</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>按键</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>以下 {n} 页尚未确认（也未标记为无需遮盖）。请先审核它们，或明确跳过：跳过的页面不会导出。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未检测</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检测中</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待审核</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已确认</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无需遮盖</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>错误</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本页遮盖建议</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>全部接受</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>全部拒绝</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>删除</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本页决定（是否需要遮盖）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>确认遮盖此页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>此页无需遮盖</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>应用</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>载入…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>保存…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检测 %v / %m 页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>取消检测</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>盲评遮盖助手</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>遮盖附件中的姓名、工作单位、公章和照片眼部，逐页确认后导出为 JPG。
把文件或文件夹拖到这里，或：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开文件… (Ctrl+O)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开文件夹… (Ctrl+Shift+O)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核查已遮盖文件… (Ctrl+Shift+V)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>支持 JPG、PNG、BMP、TIFF 和 PDF。所有处理都在本机完成，不联网。按 F1 查看快捷键。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开文件…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开文件夹…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>导出…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核查已遮盖文件…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文字材料…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>设置…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>退出</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>载入申请人信息…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>保存申请人信息…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检测全部</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下一页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上一页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>切换遮盖</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>绘制新框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>在中央添加新框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>预览遮盖效果</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>放大</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>缩小</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>适应窗口</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>实际大小 100%</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>快捷键…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>关于</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>撤销</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重做</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件(&amp;F)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>编辑(&amp;E)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>页面(&amp;P)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>视图(&amp;V)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>帮助(&amp;H)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>工具栏</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新框类别 (1–4)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开附件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>附件 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.pdf *.JPG *.JPEG *.PNG *.PDF);;所有文件 (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未填写申请人信息，尚未检测。填写后按 F5 检测。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在检测…（首次使用需载入识别模型）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法载入检测引擎</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>所有页面都已处理，可以导出 (Ctrl+E)。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>接受遮盖框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>拒绝遮盖框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>保存申请人信息</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请人信息 (*.toml)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>选择导出文件夹</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在导出…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>取消</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>盲评遮盖助手 BlindMask
离线遮盖职称评审附件中的姓名、工作单位、公章和照片眼部。
所有处理都在本机完成。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件 / 页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>状态</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>类别</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>识别文字</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>置信度</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有可处理的文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>所选位置没有支持的文件（JPG、PNG、BMP、TIFF、PDF）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检测引擎无法载入，页面可以手动绘制遮盖框。

</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检测已取消。按 F5 继续检测剩余页面。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在取消（当前页完成后停止）…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未打开文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未检测。可以按 F5 检测，也可以手动绘制遮盖框。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在检测此页…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检查遮盖框后确认（Enter），或标记为无需遮盖（N）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已标记为无需遮盖：导出时不遮盖。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>此页无法读取，不会导出。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请先打开文件。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请先选中一个框（单击或按 Tab）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已退出绘制模式。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>此页还在检测，请稍候再确认。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未填写。检测前需要申请人姓名和工作单位。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重新检测</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请选择另一个文件夹：导出文件不能与原始附件放在同一文件夹。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>导出已取消。已写出的文件保留在导出文件夹中。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已导出 {n} 个 JPG 到 {d}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>新框类别：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开失败</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上次审核这些文件的进度已自动保存：{d} / {t} 页已有决定，{n} 页已检测。
是否恢复？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>恢复上次的审核</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>共 {n} 页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已确认 {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无需遮盖 {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待审核 {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法读取：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已保存：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>界面语言将在重新启动程序后生效。审核进度已自动保存。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检测完成。还有 {n} 页待审核。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>检测中 {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未检测 {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>错误 {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>第 {i} / {n} 页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已确认：导出时遮盖 {n} 处。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>将遮盖 {a} / {n} 个框</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>绘制模式：在页面上拖动画出「{k}」框。再按 D 退出。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已应用：{n} 个姓名写法，{e} 个单位。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请人信息已更改。是否重新检测 {n} 个尚未确认的页面？（手动绘制的框会保留）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>第 {n} 页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文字材料功能暂不可用：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>注意：以下文件在此之后被修改过：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>此页有 {n} 个将被遮盖的框。标记为「无需遮盖」后，导出时此页不做任何遮盖。确定吗？</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在导出：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>以下文件出错：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>通过</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未通过</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核查中</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法读取</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>申请人信息…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核查 %v / %m 页</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开已遮盖的文件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>附件 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.pdf);;所有文件 (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>结果</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未指定申请人信息</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打开已遮盖的文件（或文件夹）开始核查。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{n} 个文件：通过 {p}，未通过 {f}，无法读取 {e}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核查对象：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>核查中 {w}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>发现 {n} 处未遮盖内容</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
