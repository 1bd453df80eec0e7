-- The built-in joint-action types (Kernel/JointActions/JointActionType.cs); workspaces may add more.
INSERT INTO kernel_action_types (code, name_en, name_zh) VALUES
    ('collaboration', 'R&D collaboration', '研发合作'),
    ('co_patent', 'Co-patent', '联合专利'),
    ('licence', 'Technology licensing or transfer', '技术许可与转让'),
    ('investment', 'Investment', '投资'),
    ('service_engagement', 'Service engagement', '服务合作'),
    ('supply', 'Supply', '供应'),
    ('talent_move', 'Talent move', '人才流动'),
    ('event', 'Event co-participation', '活动共同参与'),
    ('bridge_programme', 'International bridge programme', '国际桥梁项目'),
    ('policy_support', 'Policy or funding support', '政策与资助支持');
