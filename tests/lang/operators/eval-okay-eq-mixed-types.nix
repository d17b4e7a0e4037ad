[ (1 == "1") (null == false) (null == null) ([ ] == { }) ("" == null) (true == 1) (./a == "./a") ]
